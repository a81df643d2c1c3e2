import type { BenchResult } from './harness.js';
import { check, duration, int, ratio, seconds, table } from './format.js';

// The benchmark's table, as Markdown: printed by `npm run bench` and pasted into docs/development.md.

export function reportLines(result: BenchResult): string[] {
  const { machine, fixture, extraction, mapping, uploads } = result;
  const t = fixture.tables;
  const lines: string[] = [
    `sis-sync benchmark, ${result.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${result.durationSeconds} s: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGB} GB, Node ${machine.node}; load average ${machine.loadAverageBefore} before, ${machine.loadAverageAfter} after.`,
    '',
    `District (seed ${fixture.options.seed ?? 1}): ${int(t.schools ?? 0)} schools, ${int(t.students ?? 0)} student records (${int(fixture.activeStudents)} active), ${int(t.users ?? 0)} staff, ${int(t.sections ?? 0)} sections, ${int(t.cc ?? 0)} CC records (${int(fixture.currentEnrollments)} current enrolments); generated in ${seconds(fixture.generateMs)}. With the example rules: ${int(fixture.dashboards.student)} student and ${int(fixture.dashboards.viewer)} viewer dashboards, ${int(fixture.memberships.student)} + ${int(fixture.memberships.viewer)} memberships. Churn of ${fixture.churn.share * 100} %: ${int(fixture.churn.dropped)} drops, ${int(fixture.churn.added)} adds, ${int(fixture.churn.moved)} moves, ${fixture.churn.left} students left and ${fixture.churn.arrived} arrived, in ${seconds(fixture.churn.ms)}.`,
    '',
    `**1. Extraction** from the PowerSchool simulator (its own process), every answer ${extraction.latencyMs} ms after its request arrived (the simulator's own work included, later only when that work takes longer); powerschool.concurrency ${extraction.concurrency}, page size ${extraction.pageSize}, median of ${extraction.runs} reads.`,
    '',
    ...table(
      [
        'requests',
        'rows',
        'wall time',
        'rows/s',
        'floor (requests × latency ÷ concurrency)',
        'wall ÷ floor',
        'rows evaluated ÷ returned (by key)',
        'same, by offset',
        `goal ≤ ${extraction.goalRatio} and ≤ ${extraction.goalEvaluatedRatio}`,
      ],
      [
        [
          int(extraction.requests),
          int(extraction.rows),
          seconds(extraction.wallMs),
          int(extraction.rowsPerSecond),
          seconds(extraction.floorMs),
          extraction.ratio.toFixed(2),
          extraction.evaluatedRatio.toFixed(3),
          extraction.offsetEvaluatedRatio.toFixed(1),
          check(extraction.met),
        ],
      ],
    ),
    '',
    `Above the floor: the simulator's own time answering, ${seconds(extraction.simulatorMs)} over all requests, and request slots left empty by the reader, ${seconds(extraction.readerIdleSlotMs)} (both to be divided by the concurrency).`,
    '',
    `**2. Mapping and planning** alone, each run a fresh Node process on dist/: the day's roster mapped with the example rules, planned against the day before, packed into uploads; medians of ${mapping.cases[0]?.runs ?? 0} runs (synthetic: ${mapping.cases[1]?.runs ?? 0}). CPU of the main thread, and of all threads (V8's garbage collector and compiler work beside it); peak RSS of the whole process, and its RSS with the inputs loaded (the roster read in parts, as a source receives it). Yesterday's snapshot is read from a state database between mapping and planning, as a run reads it; that read is left out of CPU and wall time (it is the state store's, below).`,
    '',
    ...table(
      [
        'case',
        'roster rows',
        'memberships',
        'dashboards',
        'CPU main / all threads',
        'wall (map + plan)',
        'warm CPU, all',
        'peak RSS (before)',
        `CPU < ${mapping.cpuGoalMs / 1000} s`,
        `RSS < ${mapping.rssGoalMB} MB`,
      ],
      mapping.cases.map((c) => [
        c.name,
        int(c.rosterRows),
        int(c.memberships),
        int(c.dashboards),
        `${c.mainThreadCpuMs === null ? '?' : seconds(c.mainThreadCpuMs)} / ${seconds(c.cpuMs)}`,
        `${seconds(c.wallMs)} (${seconds(c.mapMs)} + ${seconds(c.planMs)})`,
        seconds(c.warmCpuMs),
        `${int(c.peakRssMB)} MB (${int(c.rssBeforeMB)})`,
        c.cpuGoalMet === null ? '—' : `${check(c.cpuGoalMet.mainThread)} / ${check(c.cpuGoalMet.allThreads)}`,
        check(c.rssGoalMet),
      ]),
    ),
    '',
    `Loading the snapshots of the last run from the state store (SQLite, ${int(fixture.dashboards.student + fixture.dashboards.viewer)} dashboards) takes ${seconds(uploads.snapshotLoadMs)} more.`,
    '',
    `**3. Uploads** to the AspirEDU simulator on simulated time, processing ${uploads.processing}. sis-sync with its defaults: first poll after ${uploads.engineSettings.pollIntervalSeconds} s, backing off to ${uploads.engineSettings.pollMaxIntervalSeconds} s, at most ${int(uploads.engineSettings.maxRowsPerUpload)} rows and ${uploads.engineSettings.maxDashboardsPerUpload} dashboards per upload. Naive flow (how-to guide): one \`contained\` upload per dashboard, polled every ${uploads.naivePollSeconds} s, every dashboard every run.`,
    '',
    ...table(
      ['run', 'sis-sync: dashboards / uploads / requests', 'time', 'naive: uploads / requests', 'time', 'time ratio', 'request ratio'],
      uploads.scenarios.flatMap((s) => [
        [
          s.name,
          `${int(s.engine.dashboards)} / ${int(s.engine.uploads)} / ${int(s.engine.requests)}`,
          duration(s.engine.simulatedMs),
          `${int(s.naive.uploads)} / ${int(s.naive.requests)}`,
          duration(s.naive.simulatedMs),
          ratio(s.wallRatio),
          ratio(s.requestRatio),
        ],
        ...(s.naiveChangedOnly
          ? [
              [
                `${s.name}, naive sends only what changed`,
                '',
                '',
                `${int(s.naiveChangedOnly.uploads)} / ${int(s.naiveChangedOnly.requests)}`,
                duration(s.naiveChangedOnly.simulatedMs),
                ratio(s.engine.simulatedMs > 0 ? Math.round((s.naiveChangedOnly.simulatedMs / s.engine.simulatedMs) * 10) / 10 : null),
                ratio(s.engine.requests > 0 ? Math.round((s.naiveChangedOnly.requests / s.engine.requests) * 10) / 10 : null),
              ],
            ]
          : []),
      ]),
    ),
    '',
    `Goals: a no-change run makes no upload ${check(uploads.noChangeMet)}; a churn run takes at least ${uploads.goalWallRatio} × less time and fewer requests than the naive flow ${check(uploads.churnMet)}. Dashboards that differ from the desired state after the last run: sis-sync ${uploads.engineDashboardsOff}, naive ${uploads.naiveDashboardsOff}.`,
  ];
  return lines;
}
