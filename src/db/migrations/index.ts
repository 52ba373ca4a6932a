import type { Migration } from 'kysely/migration';
import * as m20261123T0100 from './20261123T0100_foundation.ts';
import * as m20261123T0200 from './20261123T0200_curriculum.ts';
import * as m20261123T0300 from './20261123T0300_cohorts.ts';
import * as m20261123T0400 from './20261123T0400_delivery.ts';
import * as m20261123T0500 from './20261123T0500_private_space.ts';
import * as m20261123T0600 from './20261123T0600_safeguarding.ts';
import * as m20261123T0700 from './20261123T0700_journal_wellbeing.ts';
import * as m20261123T0800 from './20261123T0800_readiness.ts';
import * as m20261123T0900 from './20261123T0900_stocktakes.ts';
import * as m20261123T1000 from './20261123T1000_consent_texts.ts';
import * as m20261123T1100 from './20261123T1100_performance_indexes.ts';
import * as m20261126T0110 from './20261126T0110_cohort_plans_across_programmes.ts';
import * as m20261126T0900 from './20261126T0900_sign_in_backoff.ts';
import * as m20261126T1200 from './20261126T1200_certificates.ts';
import * as m20261126T1300 from './20261126T1300_certificate_uniqueness.ts';

/** Every migration, by its timestamped name. Listed here rather than read from disk so start-up does no directory scan. */
export const migrations: Record<string, Migration> = {
  '20261123T0100_foundation': m20261123T0100,
  '20261123T0200_curriculum': m20261123T0200,
  '20261123T0300_cohorts': m20261123T0300,
  '20261123T0400_delivery': m20261123T0400,
  '20261123T0500_private_space': m20261123T0500,
  '20261123T0600_safeguarding': m20261123T0600,
  '20261123T0700_journal_wellbeing': m20261123T0700,
  '20261123T0800_readiness': m20261123T0800,
  '20261123T0900_stocktakes': m20261123T0900,
  '20261123T1000_consent_texts': m20261123T1000,
  '20261123T1100_performance_indexes': m20261123T1100,
  '20261126T0110_cohort_plans_across_programmes': m20261126T0110,
  '20261126T0900_sign_in_backoff': m20261126T0900,
  '20261126T1200_certificates': m20261126T1200,
  '20261126T1300_certificate_uniqueness': m20261126T1300,
};
