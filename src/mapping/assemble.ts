import { DASHBOARD_NAME_MAX_LENGTH, type IdField } from '../desired/data-types.js';
import type { RosterStaff, RosterStudent } from '../roster/roster.js';
import { dashboardNameLength, DesiredBuilder, IdFieldConflictError, normaliseDashboardName } from '../desired/desired-builder.js';
import type { Desired } from '../desired/model.js';
import type { DashboardExplanation } from '../desired/ports.js';
import type { RowsFile } from '../desired/validate-rows.js';
import { escapeUnsafeCharacters, unsafeCharacterProblem } from '../util/unsafe-characters.js';
import { ExplanationRecorder } from './explanation-recorder.js';
import { personLabel, textOf, type Instance, type Text } from './instance.js';
import { renderTemplate, usesPlaceholder } from '../config/mapping-rules/template.js';

// Instances and module rows → one Desired. Here dashboard names are made and checked, two
// producers of one name are merged or refused, viewers without a SIS id are counted, and a
// viewer who is both ally and not ally on a dashboard is kept as not ally, said once.

export interface AssembleOptions {
  defaultAccount: string;
  onCollision: 'merge' | 'fail';
  /** Record why for dashboards of this name only (normalised): `plan --explain`. */
  explain?: string;
  /** Names a viewer id in messages ("Jane Doe (T100)"); the id alone by default. */
  describeViewer?: (sisId: string) => string;
}

export interface AssembleResult {
  desired: Desired;
  warnings: string[];
  /** Dashboard names that cannot be uploaded (empty, too long, mixed id columns). */
  nameProblems: string[];
  /** Two producers of one name while mapping.onCollision is "fail". */
  collisionProblems: string[];
  skippedStudents: readonly RosterStudent[];
  skippedStaff: readonly RosterStaff[];
  allyConflicts: number;
  /** With `explain`: the dashboards of that name, with why. */
  explanations: DashboardExplanation[] | undefined;
}

interface Producer {
  /** Rule index; -1 for mapping.module. */
  ruleIndex: number;
  origin: string;
  /**
   * What the collision checks need of the instance, not the instance: that would keep every
   * instance's students alive to the end of the mapping, a second copy of every membership.
   */
  instance?: Pick<Instance, 'label' | 'dims' | 'rule'>;
}

const SEP = '\u001f';
const DIMS = ['school', 'grade', 'teacher', 'value', 'staff'] as const;

export class DashboardAssembler {
  private readonly builder = new DesiredBuilder();
  private readonly producers = new Map<string, Producer[]>();
  /** Where each viewer of each dashboard came from, as ally and as not ally: texts made only for a conflict. */
  private readonly viewerFlags = new Map<string, { ally?: Text; notAlly?: Text; name: string; id: string }>();
  private readonly skippedStudents = new Map<string, RosterStudent>();
  private readonly skippedStaff = new Map<string, RosterStaff>();
  private readonly nameProblems: string[] = [];
  private readonly recorder: ExplanationRecorder | undefined;

  constructor(private readonly options: AssembleOptions) {
    this.recorder = options.explain === undefined ? undefined : new ExplanationRecorder(options.explain);
  }

  /** Adds one instance; false when it makes no dashboard. */
  addInstance(instance: Instance): boolean {
    const { rule } = instance;
    const name = normaliseDashboardName(renderTemplate(rule.template, instance.values));
    const account = rule.config.account ?? this.options.defaultAccount;
    const recording = this.recorder?.wants(name) ? this.recorder : undefined;
    const ids = this.studentIds(instance, recording && ((note) => recording.note(account, name, note)));
    if (instance.owner && !instance.owner.sisId) {
      this.skippedStaff.set(instance.owner.key, instance.owner);
      return false;
    }
    if (ids.length === 0 || !this.nameIsUsable(instance, name)) return false;
    this.produce(account, name, {
      ruleIndex: rule.index,
      origin: rule.label,
      instance: { label: instance.label, dims: instance.dims, rule },
    });
    this.builder.addStudents(account, name, 'student_sis_id', ids);
    this.addViewers(instance, account, name);
    if (recording) recordInstance(recording, instance, account, name, ids);
    return true;
  }

  /**
   * The SIS ids of the instance's students, in a list of exactly their number (one grown by push
   * keeps up to half again as spare room); those without one are set aside for the digest.
   */
  private studentIds(instance: Instance, note: ((text: string) => void) | undefined): string[] {
    // Two passes over the students rather than a copy of the list: a district's teacher
    // dashboards hold hundreds of thousands of students in all.
    const { students } = instance;
    let withIds = 0;
    for (const student of students) {
      if (student.sisId) {
        withIds++;
        continue;
      }
      this.skippedStudents.set(student.key, student);
      note?.(`skipped for lack of a SIS id: student ${personLabel(student)}`);
    }
    const ids = new Array<string>(withIds);
    let at = 0;
    for (const student of students) if (student.sisId) ids[at++] = student.sisId;
    return ids;
  }

  /** An empty or too long name, or one with control characters, is a problem to report, not a dashboard. */
  private nameIsUsable(instance: Instance, name: string): boolean {
    const { rule } = instance;
    if (name === '') {
      this.nameProblems.push(
        `${rule.label}: the dashboard name for ${instance.label} is empty (template ${JSON.stringify(rule.template.source)})`,
      );
      return false;
    }
    const unsafe = unsafeCharacterProblem(name);
    if (unsafe) {
      this.nameProblems.push(
        `${rule.label}: the dashboard name for ${escapeUnsafeCharacters(instance.label)} ${unsafe} (template ${JSON.stringify(rule.template.source)})`,
      );
      return false;
    }
    const length = dashboardNameLength(name);
    if (length > DASHBOARD_NAME_MAX_LENGTH) {
      this.nameProblems.push(
        `${rule.label}: the dashboard name for ${instance.label} is ${length} characters; AspirEDU allows ${DASHBOARD_NAME_MAX_LENGTH}: "${[...name].slice(0, 60).join('')}…"`,
      );
      return false;
    }
    return true;
  }

  private addViewers(instance: Instance, account: string, name: string): void {
    const label = instance.rule.label;
    for (const grant of instance.viewers) {
      if (grant.sisId) {
        const because = grant.because;
        this.addViewer(account, name, grant.sisId, grant.ally, () => `${label} (${textOf(because)})`);
      } else if (grant.staff) {
        this.skippedStaff.set(grant.staff.key, grant.staff);
      }
    }
  }

  /** Rows from mapping.module, already checked like a rows file. */
  addModuleRows(file: RowsFile, origin: string, part: string): void {
    const seen = new Set<string>();
    for (const row of file.rows) {
      const account = row.account ?? this.options.defaultAccount;
      const key = `${account}${SEP}${row.dashboard}`;
      if (!seen.has(key)) {
        seen.add(key);
        this.produce(account, row.dashboard, { ruleIndex: -1, origin });
        this.recorder?.origin(account, row.dashboard, `${origin} (${part})`);
      }
      try {
        if (file.dataType === 'viewer')
          this.addViewer(account, row.dashboard, row.memberId, row.isAlly, () => `${origin} (${part} ${row.where})`, file.idField);
        else this.builder.add('student', account, row.dashboard, file.idField, row.memberId);
      } catch (error) {
        if (!(error instanceof IdFieldConflictError)) throw error;
        this.nameProblems.push(`${origin} ${part} ${row.where}: ${error.message}`);
        return;
      }
      this.recorder?.member(account, row.dashboard, file.dataType, row.memberId, {
        origin,
        because: `${part} ${row.where}`,
        ...(file.dataType === 'viewer' ? { ally: row.isAlly } : {}),
      });
    }
  }

  finish(): AssembleResult {
    const warnings: string[] = [];
    const collisionProblems: string[] = [];
    const fail = this.options.onCollision === 'fail';
    for (const [key, producers] of this.producers) {
      const [account, name] = key.split(SEP) as [string, string];
      const dashboard = `"${name}"${account ? ` (account ${account})` : ''}`;
      const byRule = groupBy(producers, (p) => p.ruleIndex);
      if (byRule.size > 1) {
        const [first, second] = [...byRule.values()].map((list) => list[0]) as [Producer, Producer];
        const made = `Dashboard ${dashboard} is made by ${describe(first)} and by ${describe(second)}${byRule.size > 2 ? ` and ${byRule.size - 2} more` : ''}`;
        if (fail) collisionProblems.push(`${made}; mapping.onCollision is "fail"`);
        else this.recorder?.note(account, name, `${made}; their members are merged (mapping.onCollision is "merge")`);
      }
      for (const list of byRule.values()) {
        const clash = unintendedMerge(list);
        if (!clash) continue;
        const message = `${clash[0].origin}: ${clash[0].instance?.label} and ${clash[1].instance?.label} both give the dashboard ${dashboard}`;
        if (fail) collisionProblems.push(`${message}; mapping.onCollision is "fail"`);
        else {
          warnings.push(`${message}; their students and viewers are merged. Add a placeholder to the nameTemplate that tells them apart`);
          this.recorder?.note(account, name, `${message}; merged`);
        }
      }
    }
    let allyConflicts = 0;
    for (const [key, flags] of this.viewerFlags) {
      if (!flags.ally || !flags.notAlly) continue;
      allyConflicts++;
      const [account, name] = key.split(SEP) as [string, string];
      const who = this.options.describeViewer?.(flags.id) ?? flags.id;
      const message = `Viewer ${who} on dashboard "${flags.name}" is ally by ${textOf(flags.ally)} and not ally by ${textOf(flags.notAlly)}; kept as not ally`;
      warnings.push(message);
      this.recorder?.note(account, name, message);
    }
    const desired = this.builder.build();
    return {
      desired,
      warnings,
      nameProblems: this.nameProblems,
      collisionProblems,
      skippedStudents: [...this.skippedStudents.values()],
      skippedStaff: [...this.skippedStaff.values()],
      allyConflicts,
      explanations: this.recorder?.finish(desired),
    };
  }

  private produce(account: string, name: string, producer: Producer): void {
    const key = `${account}${SEP}${name}`;
    const list = this.producers.get(key);
    if (list) list.push(producer);
    else this.producers.set(key, [producer]);
  }

  private addViewer(account: string, name: string, id: string, ally: boolean, origin: Text, idField: IdField = 'viewer_sis_id'): void {
    this.builder.add('viewer', account, name, idField, id, ally);
    const key = `${account}${SEP}${name}${SEP}${id}`;
    const flags = this.viewerFlags.get(key) ?? { name, id };
    if (ally) flags.ally ??= origin;
    else flags.notAlly ??= origin;
    this.viewerFlags.set(key, flags);
  }
}

/** For `plan --explain`: where the dashboard comes from, and why each member is on it. */
function recordInstance(recording: ExplanationRecorder, instance: Instance, account: string, name: string, ids: readonly string[]): void {
  const { rule } = instance;
  recording.origin(account, name, `${rule.label} (${rule.config.kind}): ${instance.label}`);
  let at = 0;
  for (const student of instance.students) {
    if (!student.sisId) continue;
    const id = ids[at++] as string;
    for (const reason of instance.reasons?.get(student.key) ?? [])
      recording.member(account, name, 'student', id, { origin: rule.label, because: reason });
  }
  for (const grant of instance.viewers) {
    if (grant.sisId)
      recording.member(account, name, 'viewer', grant.sisId, { origin: rule.label, because: textOf(grant.because), ally: grant.ally });
    else if (grant.staff) recording.note(account, name, `skipped for lack of a SIS id: viewer ${personLabel(grant.staff)}`);
  }
}

function describe(producer: Producer): string {
  return producer.instance ? `${producer.origin} (${producer.instance.label})` : producer.origin;
}

/**
 * Two instances of one rule that differ in something the name template shows (two teachers
 * both called Smith under "{teacher.lastName}") were not meant to share a dashboard. Ones that
 * differ only in what it leaves out ("Grade {grade}" across schools) were.
 */
function unintendedMerge(producers: readonly Producer[]): [Producer, Producer] | undefined {
  const first = producers[0];
  if (!first?.instance) return undefined;
  const template = first.instance.rule.template;
  const shown = DIMS.filter((dim) => usesPlaceholder(template, dim));
  const identity = (p: Producer) => shown.map((dim) => p.instance?.dims[dim] ?? '').join(SEP);
  const firstIdentity = identity(first);
  const other = producers.find((p) => identity(p) !== firstIdentity);
  return other ? [first, other] : undefined;
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  }
  return map;
}
