import type { Migration } from 'kysely';
import * as m0001 from './0001_network_structure.js';
import * as m0002 from './0002_accounts_users_sessions.js';
import * as m0003 from './0003_audit_log_and_jobs.js';
import * as m0004 from './0004_accounts_user_search.js';
import * as m0005 from './0005_network_edit_times.js';
import * as m0006 from './0006_catalog_records.js';
import * as m0007 from './0007_catalog_search_index.js';
import * as m0008 from './0008_stats_reports.js';
import * as m0009 from './0009_stats_standards.js';
import * as m0010 from './0010_accounts_login_failures.js';
import * as m0011 from './0011_services_files.js';
import * as m0012 from './0012_services_content_search.js';
import * as m0013 from './0013_services_notifications.js';
import * as m0014 from './0014_network_library_description.js';
import * as m0015 from './0015_network_contacts.js';
import * as m0016 from './0016_accounts_password_reset.js';
import * as m0017 from './0017_stats_price_versions.js';
import * as m0018 from './0018_catalog_merge_keys_and_rejected_records.js';
import * as m0019 from './0019_loans_requests.js';
import * as m0020 from './0020_access_stops_and_norms.js';
import * as m0021 from './0021_practice_tables.js';
import * as m0022 from './0022_training_courses_sessions.js';
import * as m0023 from './0023_heritage_items_persons.js';
import * as m0024 from './0024_withdrawn_offers.js';
import * as m0025 from './0025_reading_programmes.js';
import * as m0026 from './0026_coordination_governance.js';
import * as m0027 from './0027_training_needs.js';

/** Every migration, by name; name order is run order. Add new ones at the end, never edit a landed one. */
export const migrations: Record<string, Migration> = {
  '0001_network_structure': m0001,
  '0002_accounts_users_sessions': m0002,
  '0003_audit_log_and_jobs': m0003,
  '0004_accounts_user_search': m0004,
  '0005_network_edit_times': m0005,
  '0006_catalog_records': m0006,
  '0007_catalog_search_index': m0007,
  '0008_stats_reports': m0008,
  '0009_stats_standards': m0009,
  '0010_accounts_login_failures': m0010,
  '0011_services_files': m0011,
  '0012_services_content_search': m0012,
  '0013_services_notifications': m0013,
  '0014_network_library_description': m0014,
  '0015_network_contacts': m0015,
  '0016_accounts_password_reset': m0016,
  '0017_stats_price_versions': m0017,
  '0018_catalog_merge_keys_and_rejected_records': m0018,
  '0019_loans_requests': m0019,
  '0020_access_stops_and_norms': m0020,
  '0021_practice_tables': m0021,
  '0022_training_courses_sessions': m0022,
  '0023_heritage_items_persons': m0023,
  '0024_withdrawn_offers': m0024,
  '0025_reading_programmes': m0025,
  '0026_coordination_governance': m0026,
  '0027_training_needs': m0027,
};
