import type Database from 'better-sqlite3';
import type { PeopleDirectory, PersonInfo, SourceCensus } from '../desired/ports.js';

// What the last accepted read of a roster source said about people and head counts: the
// baseline the guard compares the next read with. People who disappear from the roster are
// still known here, so that their removal can be counted against their school.

export class People {
  constructor(private readonly db: Database.Database) {}

  /** Replaces the whole index. Call inside a transaction. */
  replace(people: PeopleDirectory): void {
    this.db.prepare(`DELETE FROM people`).run();
    const insert = this.db.prepare(`INSERT INTO people (data_type, id, name, school) VALUES (?, ?, ?, ?)`);
    for (const [key, person] of people.entries()) {
      const separator = key.indexOf(':');
      insert.run(key.slice(0, separator), key.slice(separator + 1), person.name, person.school);
    }
  }

  /** personKey → person, as last read. */
  all(): Map<string, PersonInfo> {
    const rows = this.db.prepare(`SELECT data_type, id, name, school FROM people`).all() as Array<{
      data_type: string;
      id: string;
      name: string;
      school: string;
    }>;
    return new Map(rows.map((r) => [`${r.data_type}:${r.id}`, { name: r.name, school: r.school }]));
  }

  saveCensus(census: SourceCensus, runId: number, at: string): void {
    this.db
      .prepare(
        `INSERT INTO source_census (id, run_id, census, read_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET run_id = excluded.run_id, census = excluded.census, read_at = excluded.read_at`,
      )
      .run(runId, JSON.stringify(census), at);
  }

  lastCensus(): SourceCensus | undefined {
    const row = this.db.prepare(`SELECT census FROM source_census WHERE id = 1`).get() as { census: string } | undefined;
    return row ? (JSON.parse(row.census) as SourceCensus) : undefined;
  }
}
