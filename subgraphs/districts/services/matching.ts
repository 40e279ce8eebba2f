// The ranking of suggestedExperts (docs/domain.md "Online services"): each candidate gets points for
// category fit, the same district, the form, its current load and past satisfaction, with a reason
// in Chinese for each. Pure: unit-tested on constructed cases (tests/unit/matching.test.ts).
import {
  DISTRICTS,
  EXPERT_TYPE_NAMES,
  RELATED_EXPERT_TYPES,
  SERVICE_CATEGORY_NAMES,
  SERVICE_FORM_NAMES,
  ServiceForm,
  type ServiceCategory,
} from "../../shared/vocabulary";
import { SuggestionFactor } from "../vocabulary";

/** An expert as corps describes it to the matching. */
export interface Candidate {
  id: string;
  categories: string[];
  expertType: string;
  listedInDirectory: boolean;
  serviceForms: string[];
  branch: { district: { code: string } | null } | null;
}

/** What districts knows of the expert: open bookings, and the satisfaction of served demands. */
export interface CandidateRecord {
  openBookings: number;
  rated: number;
  meanSatisfaction: number | null;
}

export interface Reason {
  factor: SuggestionFactor;
  points: number;
  text: string;
}

export interface Suggestion {
  volunteerId: string;
  score: number;
  reasons: Reason[];
  openBookings: number;
}

export const POINTS = {
  category: 40,
  relatedType: 15,
  sameDistrict: 20,
  formAsked: 10,
  bothForms: 10,
  oneForm: 5,
  perOpenBooking: -5,
  maxLoadPenalty: -25,
  perSatisfactionPoint: 5,
} as const;

const round1 = (n: number) => Math.round(n * 10) / 10;
const districtName = (code: string) => DISTRICTS.find((d) => d.code === code)?.name ?? code;

/** One candidate's reasons, or null when it does not fit at all (category or the form asked). */
export function reasonsFor(
  demand: { category: ServiceCategory; districtCode: string },
  candidate: Candidate,
  record: CandidateRecord,
  form: ServiceForm | null,
): Reason[] | null {
  const reasons: Reason[] = [];
  const category = SERVICE_CATEGORY_NAMES[demand.category];
  if (candidate.categories.includes(demand.category)) {
    reasons.push({
      factor: SuggestionFactor.CATEGORY,
      points: POINTS.category,
      text: `${category}类别匹配`,
    });
  } else if (RELATED_EXPERT_TYPES[demand.category].includes(candidate.expertType)) {
    reasons.push({
      factor: SuggestionFactor.CATEGORY,
      points: POINTS.relatedType,
      text: `${EXPERT_TYPE_NAMES[candidate.expertType] ?? candidate.expertType}，与${category}相关`,
    });
  } else return null;
  if (candidate.branch?.district?.code === demand.districtCode)
    reasons.push({
      factor: SuggestionFactor.DISTRICT,
      points: POINTS.sameDistrict,
      text: `同区：${districtName(demand.districtCode)}支队`,
    });
  if (form) {
    if (!candidate.serviceForms.includes(form)) return null;
    reasons.push({
      factor: SuggestionFactor.FORM,
      points: POINTS.formAsked,
      text: `可${SERVICE_FORM_NAMES[form]}服务`,
    });
  } else if (candidate.serviceForms.length > 1) {
    reasons.push({ factor: SuggestionFactor.FORM, points: POINTS.bothForms, text: "线上线下均可" });
  } else if (candidate.serviceForms.length === 1) {
    const only = SERVICE_FORM_NAMES[candidate.serviceForms[0] as ServiceForm];
    reasons.push({ factor: SuggestionFactor.FORM, points: POINTS.oneForm, text: `仅${only}服务` });
  }
  const load = record.openBookings
    ? Math.max(POINTS.maxLoadPenalty, record.openBookings * POINTS.perOpenBooking)
    : 0;
  reasons.push({
    factor: SuggestionFactor.LOAD,
    points: load,
    text: record.openBookings ? `进行中的预约 ${record.openBookings} 个` : "暂无进行中的预约",
  });
  if (record.rated > 0 && record.meanSatisfaction !== null)
    reasons.push({
      factor: SuggestionFactor.SATISFACTION,
      points: round1((record.meanSatisfaction - 3) * POINTS.perSatisfactionPoint),
      text: `以往满意度 ${record.meanSatisfaction.toFixed(1)}（${record.rated} 次评价）`,
    });
  return reasons;
}

/** The best `first` candidates: score, then fewer open bookings, then the lower id. */
export function rankExperts(
  demand: { category: ServiceCategory; districtCode: string },
  candidates: Candidate[],
  records: ReadonlyMap<string, CandidateRecord>,
  form: ServiceForm | null,
  first: number,
): Suggestion[] {
  const none: CandidateRecord = { openBookings: 0, rated: 0, meanSatisfaction: null };
  const ranked: Suggestion[] = [];
  for (const candidate of candidates) {
    const record = records.get(candidate.id) ?? none;
    const reasons = reasonsFor(demand, candidate, record, form);
    if (!reasons) continue;
    ranked.push({
      volunteerId: candidate.id,
      score: round1(reasons.reduce((sum, r) => sum + r.points, 0)),
      reasons,
      openBookings: record.openBookings,
    });
  }
  return ranked
    .sort(
      (a, b) =>
        b.score - a.score ||
        a.openBookings - b.openBookings ||
        Number(a.volunteerId) - Number(b.volunteerId),
    )
    .slice(0, first);
}
