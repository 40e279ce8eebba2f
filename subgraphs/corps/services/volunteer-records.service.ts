// Training records, periodic evaluations (考评) and commendations (褒奖) of a volunteer.
import type { DataSource } from "typeorm";
import type { Caller } from "../../../runtime/auth";
import { conflict } from "../../../runtime/errors";
import { isUniqueViolation } from "../../shared/unique-violation";
import { Commendation } from "../entities/commendation.entity";
import { Evaluation } from "../entities/evaluation.entity";
import { Training } from "../entities/training.entity";
import type { CommendationInput } from "../inputs/commendation.input";
import type { EvaluationInput } from "../inputs/evaluation.input";
import type { TrainingInput } from "../inputs/training.input";
import { EvaluationGrade } from "../vocabulary";
import { clean } from "./ids";
import { findVolunteer } from "./volunteer-lifecycle.service";

/** 优秀 90+, 良好 75-89, 合格 60-74, 不合格 below 60. */
export function gradeFor(score: number): EvaluationGrade {
  if (score >= 90) return EvaluationGrade.EXCELLENT;
  if (score >= 75) return EvaluationGrade.GOOD;
  if (score >= 60) return EvaluationGrade.PASS;
  return EvaluationGrade.FAIL;
}

export async function recordTraining(
  db: DataSource,
  caller: Caller,
  volunteerId: string,
  input: TrainingInput,
) {
  const volunteer = await findVolunteer(db, volunteerId);
  const repo = db.getRepository(Training);
  const { identifiers } = await repo.insert({
    volunteerId: volunteer.id,
    title: clean(input.title)!,
    provider: clean(input.provider),
    completedOn: input.completedOn,
    hours: Math.round(input.hours * 100) / 100,
    actor: caller.sub,
  });
  return repo.findOneByOrFail({ id: Number(identifiers[0].id) });
}

export async function recordEvaluation(
  db: DataSource,
  caller: Caller,
  volunteerId: string,
  input: EvaluationInput,
) {
  const volunteer = await findVolunteer(db, volunteerId);
  const repo = db.getRepository(Evaluation);
  const duplicate = () =>
    conflict(
      `volunteer ${volunteer.id} already has an evaluation for ${input.period}; one per period`,
    );
  if (await repo.existsBy({ volunteerId: volunteer.id, period: input.period })) throw duplicate();
  try {
    const { identifiers } = await repo.insert({
      volunteerId: volunteer.id,
      period: input.period,
      score: input.score,
      grade: gradeFor(input.score),
      comment: clean(input.comment),
      actor: caller.sub,
    });
    return await repo.findOneByOrFail({ id: Number(identifiers[0].id) });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}

export async function recordCommendation(
  db: DataSource,
  caller: Caller,
  volunteerId: string,
  input: CommendationInput,
) {
  const volunteer = await findVolunteer(db, volunteerId);
  const repo = db.getRepository(Commendation);
  const { identifiers } = await repo.insert({
    volunteerId: volunteer.id,
    title: clean(input.title)!,
    awardedOn: input.awardedOn,
    awardedBy: clean(input.awardedBy)!,
    actor: caller.sub,
  });
  return repo.findOneByOrFail({ id: Number(identifiers[0].id) });
}
