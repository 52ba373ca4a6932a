/**
 * One module of a cohort's plan: the programme it comes from and the published version of that
 * programme the cohort is pinned to. A plan may draw on several programmes (the Peer 2 Peer readiness
 * pre-programme before a Peer Support Training course), each pinned to one version.
 */
export interface PlanModule {
  programmeId: string;
  version: number;
  moduleId: string;
}

/**
 * The plan of a cohort, from `cohorts.plan_modules`: a JSON list of plan modules. Rows written before
 * plans could mix programmes hold module ids of the cohort's own programme, comma-separated.
 */
export function readPlanModules(cohort: { plan_modules: string; programme_id: string; version_number: number }): PlanModule[] {
  const text = cohort.plan_modules.trim();
  if (text.startsWith('[')) return JSON.parse(text) as PlanModule[];
  return text
    .split(',')
    .filter(Boolean)
    .map((moduleId) => ({ programmeId: cohort.programme_id, version: cohort.version_number, moduleId }));
}

export const writePlanModules = (modules: readonly PlanModule[]): string =>
  JSON.stringify(modules.map((m) => ({ programmeId: m.programmeId, version: m.version, moduleId: m.moduleId })));

/** The version each programme of a plan is pinned to. */
export function pinnedVersions(modules: readonly PlanModule[]): Map<string, number> {
  return new Map(modules.map((m) => [m.programmeId, m.version]));
}
