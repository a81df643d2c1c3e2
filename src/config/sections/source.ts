import type convict from 'convict';

// Where memberships come from.

export interface SourceSettings {
  source: {
    type: 'file' | 'powerschool-api' | 'powerschool-oracle';
    files: { students: string; viewers: string; allowEmpty: boolean; maxBytes: number };
  };
}

export const sourceSchema: convict.Schema<SourceSettings> = {
  source: {
    type: {
      doc: 'Where memberships come from: "file" (CSV or JSON rows in AspirEDU\'s format) "powerschool-api" (the PowerSchool REST API through the sis-sync plugin), or "powerschool-oracle" (the same queries straight from PowerSchool\'s Oracle database, oracle.*); both PowerSchool sources read what powerschool.* describes and are turned into dashboards by mapping.rules',
      format: ['file', 'powerschool-api', 'powerschool-oracle'],
      default: 'file',
    },
    files: {
      students: {
        doc: 'Rows file for students: CSV with dashboard_name,student_sis_id (or student_id), or a JSON array',
        format: 'path',
        default: '',
      },
      viewers: {
        doc: 'Rows file for viewers: CSV with dashboard_name,viewer_sis_id (or viewer_id),viewer_is_ally, or a JSON array',
        format: 'path',
        default: '',
      },
      allowEmpty: {
        doc: 'Accept a rows file with no rows, which empties every dashboard of its data type. Off: an empty export is treated as a failed one',
        format: 'boolean',
        default: false,
      },
      maxBytes: {
        doc: 'Largest rows file read, in bytes (default 512 MiB); a larger one is refused as a broken export. Rows files must be regular files',
        format: 'positive-int',
        default: 512 * 1024 * 1024,
      },
    },
  },
};
