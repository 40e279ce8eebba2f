// The online clinic's part of the demo: directory listings with profiles, the service menu, micro-
// video courses, video meetings with sign-ups, and bookings in every status, consistent with the
// demands and activities already there. Drawn from a random sequence of its own, so that adding it
// changed no other part of the demo data.
import { addDays, daysBetween, startOfBusinessDay } from "../runtime/dates";
import {
  EXPERT_TYPE_NAMES,
  SERVICE_CATEGORY_NAMES,
  type ServiceCategory,
} from "../subgraphs/shared/vocabulary";
import { Random } from "./random";
import type { DemoData, DemoVolunteer } from "./types";
import * as W from "./words";

export interface DemoMenuItem {
  id: number;
  category: string;
  title: string;
  description: string;
  forms: string[];
  durationMinutes: number;
}
export interface DemoCourse {
  id: number;
  title: string;
  category: string;
  volunteerId: number;
  url: string;
  durationMinutes: number;
  districtCode: string | null;
  publishedOn: string;
}
export interface DemoMeeting {
  id: number;
  title: string;
  category: string;
  volunteerId: number;
  startsAt: Date;
  durationMinutes: number;
  url: string;
  capacity: number;
  districtCode: string | null;
  signUps: Array<{ enterpriseName: string; contactName: string; contactPhone: string }>;
}
export interface DemoBookingEvent {
  at: Date;
  actor: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  demandFrom: string | null;
  demandTo: string | null;
  comment: string | null;
}
export interface DemoBooking {
  id: number;
  demandId: number;
  districtCode: string;
  volunteerId: number;
  menuItemId: number | null;
  form: string;
  message: string;
  contactName: string;
  contactPhone: string;
  channel: string;
  status: string;
  requestedAt: Date;
  answerBy: string;
  decidedAt: Date | null;
  reason: string | null;
  activityId: number | null;
  events: DemoBookingEvent[];
}

/** Two entries per category: what an enterprise can ask an expert for. */
const MENU: Record<string, Array<[string, string]>> = {
  POLICY: [
    ["惠企政策匹配解读", "梳理企业可申报的惠企政策，讲清条件、材料和时间节点"],
    ["专项资金申报辅导", "指导专项资金申报书编写与材料准备"],
  ],
  ENTREPRENEUR: [
    ["企业家成长一对一", "资深企业家分享经营经验，解答管理困惑"],
    ["接班传承咨询", "家族企业代际传承与治理结构咨询"],
  ],
  STRATEGY: [
    ["企业战略诊断", "分析企业所处行业与竞争格局，提出发展方向建议"],
    ["商业模式梳理", "帮助企业厘清客户、价值主张与盈利模式"],
  ],
  FINANCING: [
    ["银行贷款材料辅导", "帮助企业梳理贷款申请材料，对接合作银行"],
    ["股权融资路演辅导", "打磨商业计划书与路演材料，模拟投资人问答"],
  ],
  MARKET: [
    ["市场开拓咨询", "分析目标市场与渠道，制定开拓方案"],
    ["品牌与营销诊断", "评估品牌定位与营销投入，提出改进建议"],
  ],
  INNOVATION: [
    ["专精特新培育辅导", "对照专精特新认定标准，制定培育路径"],
    ["科技成果转化咨询", "评估技术成熟度，对接转化渠道与资源"],
  ],
  STARTUP: [
    ["创业项目评估", "评估创业项目可行性与风险，给出改进建议"],
    ["初创企业财税入门", "讲解初创企业记账、报税与常见风险"],
  ],
  KNOWLEDGE: [
    ["企业管理体系咨询", "帮助企业建立制度、流程与绩效管理"],
    ["知识产权布局咨询", "指导专利、商标布局与保护策略"],
  ],
  LEGAL: [
    ["合同法律体检", "审查常用合同条款，提示法律风险"],
    ["劳动用工合规咨询", "解答劳动合同、社保与用工纠纷问题"],
  ],
  SPACE: [
    ["产业空间选址咨询", "根据企业需求推荐园区与载体，对接入驻政策"],
    ["孵化载体入驻辅导", "介绍孵化器与众创空间的入驻条件与服务"],
  ],
};

const servingOn = (v: DemoVolunteer, day: string) =>
  v.status === "APPOINTED" &&
  v.agreement !== null &&
  v.agreement.validFrom <= day &&
  day <= v.agreement.validTo;

const formsOf = (v: DemoVolunteer) =>
  v.agreement?.form === "BOTH" ? ["ONLINE", "OFFLINE"] : [v.agreement?.form ?? "ONLINE"];

export function clinicDemo(demo: DemoData) {
  const rnd = new Random(20200918);
  const anchor = demo.anchor;
  const at = (day: string, hour = rnd.int(9, 17)) =>
    new Date(startOfBusinessDay(day).getTime() + hour * 3.6e6);
  const regionOf = (v: DemoVolunteer) =>
    demo.branches.find((b) => b.id === v.branchId)?.districtCode ?? null;
  const mobile = () =>
    `1${rnd.pick(["38", "39", "58", "86", "35"])}${String(rnd.int(0, 99_999_999)).padStart(8, "0")}`;
  const personName = () => rnd.pick(W.SURNAMES) + rnd.pick(W.GIVEN) + rnd.pick(W.GIVEN);

  // Listings: most serving experts opted in, with a profile from their expertise.
  const serving = demo.volunteers.filter((v) => servingOn(v, anchor));
  const listings = serving
    .filter(() => rnd.chance(0.6))
    .map((v) => ({
      volunteerId: v.id,
      listedOn:
        v.appointedOn && v.appointedOn > addDays(anchor, -60)
          ? v.appointedOn
          : addDays(anchor, -rnd.int(10, 60)),
      profile:
        `${EXPERT_TYPE_NAMES[v.expertType] ?? "专家"}，${v.retired ? "退休前" : "现"}就职于${v.employer}，` +
        `擅长${v.categories.map((c) => SERVICE_CATEGORY_NAMES[c as ServiceCategory] ?? c).join("、")}方面的咨询辅导。`,
    }));

  const menu: DemoMenuItem[] = Object.entries(MENU).flatMap(([category, entries]) =>
    entries.map(([title, description]) => ({
      id: 0,
      category,
      title,
      description,
      forms: ["OFFLINE", "ONLINE"],
      durationMinutes: 60,
    })),
  );
  menu.forEach((m, i) => {
    m.id = i + 1;
    if (i % 3 === 2) m.forms = ["ONLINE"];
  });

  const courses: DemoCourse[] = [];
  for (let id = 1; id <= 40; id += 1) {
    const v = rnd.pick(serving);
    const category = rnd.pick(v.categories);
    courses.push({
      id,
      title: `${SERVICE_CATEGORY_NAMES[category as ServiceCategory]}微课：${rnd.pick(MENU[category])[0]}`,
      category,
      volunteerId: v.id,
      url: `https://video.sme-volunteer.example.cn/courses/${id}`,
      durationMinutes: rnd.int(8, 30),
      districtCode: regionOf(v),
      publishedOn: addDays(anchor, -rnd.int(1, 300)),
    });
  }

  const meetings: DemoMeeting[] = [];
  for (let id = 1; id <= 20; id += 1) {
    const v = rnd.pick(serving);
    const category = rnd.pick(v.categories);
    const capacity = rnd.pick([20, 30, 50, 100]);
    const day = addDays(anchor, rnd.int(-45, 30));
    meetings.push({
      id,
      title: `${SERVICE_CATEGORY_NAMES[category as ServiceCategory]}专题视频会议：${rnd.pick(MENU[category])[0]}`,
      category,
      volunteerId: v.id,
      startsAt: at(day, rnd.pick([10, 14, 15, 19])),
      durationMinutes: rnd.pick([60, 90, 120]),
      url: `https://meeting.sme-volunteer.example.cn/j/${String(100000 + id)}`,
      capacity,
      districtCode:
        regionOf(v) ??
        rnd.pick(demo.branches.filter((b) => b.districtCode).map((b) => b.districtCode!)),
      signUps: Array.from({ length: rnd.int(0, Math.min(12, capacity)) }, () => ({
        enterpriseName: `深圳市${rnd.pick(W.COMPANY_PREFIX)}${rnd.pick(W.COMPANY_CORE)}${rnd.pick(W.COMPANY_SUFFIX)}`,
        contactName: personName(),
        contactPhone: mobile(),
      })).filter((s, i, all) => all.findIndex((o) => o.contactPhone === s.contactPhone) === i),
    });
  }

  // Bookings that agree with the demands' statuses and the activities that served them.
  const bookings: DemoBooking[] = [];
  const usedActivities = new Set<number>();
  const byCategory = (category: string) => serving.filter((v) => v.categories.includes(category));
  const admin = "demo-city-admin";
  for (const d of demo.demands) {
    const district = `demo-district-${d.districtCode}`;
    const pickExpert = () =>
      rnd.pick(byCategory(d.category).length ? byCategory(d.category) : serving);
    const base = (v: DemoVolunteer, requestedOn: string) => {
      const form = rnd.pick(formsOf(v));
      const menuItem = rnd.chance(0.5)
        ? menu.find((m) => m.category === d.category && m.forms.includes(form))
        : undefined;
      const channel = rnd.chance(0.5) ? "ENTERPRISE" : "STATION";
      const actor =
        channel === "ENTERPRISE"
          ? `enterprise:${d.creditCode.slice(0, 7)}*******${d.creditCode.slice(-4)}`
          : district;
      const requestedAt = at(requestedOn);
      return {
        booking: {
          id: bookings.length + 1,
          demandId: d.id,
          districtCode: d.districtCode,
          volunteerId: v.id,
          menuItemId: menuItem?.id ?? null,
          form,
          message: W.DEMAND_TEXT[d.category] ?? "希望专家给予一对一指导",
          contactName: personName(),
          contactPhone: mobile(),
          channel,
          status: "REQUESTED",
          requestedAt,
          answerBy: addDays(requestedOn, 7),
          decidedAt: null,
          reason: null,
          activityId: null,
          events: [
            {
              at: requestedAt,
              actor,
              action: "REQUEST",
              fromStatus: null,
              toStatus: "REQUESTED",
              demandFrom: null,
              demandTo: null,
              comment: null,
            },
          ],
        } as DemoBooking,
        actor,
      };
    };
    const answer = (
      b: DemoBooking,
      action: string,
      to: string,
      day: string,
      extra: Partial<DemoBookingEvent> = {},
    ) => {
      const when = at(day);
      b.events.push({
        at: when,
        actor: admin,
        action,
        fromStatus: b.status,
        toStatus: to,
        demandFrom: null,
        demandTo: null,
        comment: null,
        ...extra,
      });
      b.status = to;
      if (action !== "COMPLETE") b.decidedAt = when;
    };
    const requestedOn = (latest: string) =>
      addDays(
        d.collectedOn,
        rnd.int(0, Math.max(0, Math.min(10, daysBetween(d.collectedOn, latest)))),
      );

    if ((d.status === "IN_SERVICE" || d.status === "RESOLVED") && rnd.chance(0.15)) {
      // A completed booking: served by an activity of the district whose crew has the expert.
      const served = demo.activities.find(
        (a) =>
          a.districtCode === d.districtCode &&
          a.heldOn >= addDays(d.collectedOn, 2) &&
          a.participants.length &&
          !usedActivities.has(a.id) &&
          servingOn(demo.volunteers[a.participants[0].volunteerId - 1], a.heldOn),
      );
      const v = served && demo.volunteers[served.participants[0].volunteerId - 1];
      if (!served || !v || v.id !== served.participants[0].volunteerId) continue;
      usedActivities.add(served.id);
      const day = requestedOn(addDays(served.heldOn, -2));
      const { booking } = base(v, day);
      answer(booking, "ACCEPT", "ACCEPTED", addDays(day, 1), {
        demandFrom: "OPEN",
        demandTo: "MATCHED",
      });
      booking.activityId = served.id;
      answer(booking, "COMPLETE", "COMPLETED", served.heldOn, {
        actor: `demo-district-${d.districtCode}`,
        demandFrom: "MATCHED",
        demandTo: d.status,
        comment:
          `served by activity ${served.externalId} on ${served.heldOn}` +
          (d.satisfaction ? `; satisfaction ${d.satisfaction}` : ""),
      });
      bookings.push(booking);
    } else if (d.status === "MATCHED" && rnd.chance(0.4)) {
      const day = requestedOn(addDays(anchor, -1));
      const { booking } = base(pickExpert(), day);
      answer(booking, "ACCEPT", "ACCEPTED", addDays(day, 1), {
        demandFrom: "OPEN",
        demandTo: "MATCHED",
      });
      bookings.push(booking);
    } else if (d.status === "OPEN" && rnd.chance(0.12)) {
      // Some still wait for an answer (asked in the last three days), the rest were settled.
      const recent = rnd.chance(0.3) || d.collectedOn > addDays(anchor, -10);
      const lately = addDays(anchor, -rnd.int(0, 3));
      const day = recent
        ? lately > d.collectedOn
          ? lately
          : d.collectedOn
        : requestedOn(addDays(anchor, -10));
      const { booking, actor } = base(pickExpert(), day);
      if (!recent) {
        const outcome = rnd.weighted({ DECLINED: 4, EXPIRED: 3, CANCELLED: 3 });
        if (outcome === "DECLINED")
          answer(booking, "DECLINE", "DECLINED", addDays(day, rnd.int(1, 5)), {
            comment: "专家近期日程已满",
          });
        else if (outcome === "CANCELLED")
          answer(booking, "CANCEL", "CANCELLED", addDays(day, rnd.int(1, 5)), {
            actor,
            comment: "企业问题已自行解决",
          });
        else {
          booking.events.push({
            at: startOfBusinessDay(addDays(booking.answerBy, 1)),
            actor: "system:booking-expiry",
            action: "EXPIRE",
            fromStatus: "REQUESTED",
            toStatus: "EXPIRED",
            demandFrom: null,
            demandTo: null,
            comment: `not answered by ${booking.answerBy}`,
          });
          booking.status = "EXPIRED";
        }
        if (booking.status === "CANCELLED" || booking.status === "DECLINED")
          booking.reason = booking.events.at(-1)!.comment;
      }
      bookings.push(booking);
    }
  }
  return { listings, menu, courses, meetings, bookings };
}
