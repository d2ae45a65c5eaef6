// `port-doctor diagnose`: why can't friends join — the verdict, the evidence and the fix steps.
import { diagnosisText } from '../../../shared/render/diagnosis-text';
import { STEP_LABELS } from '../../../shared/render/diagnosis';
import { buildPlan } from '../../services/diagnosis/plan';
import { runDiagnosis } from '../../services/diagnosis/run';
import { resolveVantage } from '../../services/diagnosis/vantage';
import { EXIT_FAILURE, EXIT_OK, UsageError, parseCommandArgs, portArg, printJson, type CliIo, type Command } from '../command';
import { AppError } from '../../../shared/errors';
import { REPORT_FLAGS, REPORT_HELP, reportFormatArg, saveDiagnosisReport } from '../report-file';

export const diagnoseCommand: Command = {
  name: 'diagnose',
  summary: 'Why can\'t friends join? Checks a game\'s ports end to end and says what is wrong and how to fix it',
  usage: 'port-doctor diagnose (--game ID | --port N[/tcp|/udp][,…]) [--relay MODE] [--companion URL] [--stun HOST:PORT]… [--json] [--report FILE [--no-redact]]',
  help: [
    '  --game ID           a game preset (`port-doctor games` lists them)',
    '  --port LIST         your own ports instead, e.g. 7777/udp,7777/tcp (no protocol = tcp)',
    '  --relay MODE        the server runs in this relay mode of the game (e.g. -crossplay)',
    '  --companion URL     internet vantage point for the connect-back test (default: PD_COMPANION_URL;',
    '                      without one, the outside test is "not checked" and the verdict may be "unknown")',
    '  --stun HOST:PORT    STUN servers for the public address and NAT type, up to 3 (default: the companion\'s)',
    '  --json              the diagnosis document: {version, plan, evidence, findings[], verdict{cause, summary, …}}',
    REPORT_HELP,
    '',
    '  Exit code 0 when friends can join (or join through a relay), 1 otherwise, 2 for bad arguments.',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseCommandArgs(
      args,
      { game: { type: 'string' }, port: { type: 'string', multiple: true }, relay: { type: 'string' }, companion: { type: 'string' }, stun: { type: 'string', multiple: true }, json: { type: 'boolean' }, ...REPORT_FLAGS },
      { min: 0, max: 0 },
    );
    if ((values.game === undefined) === (values.port === undefined)) throw new UsageError('give either --game ID or --port N[/tcp|/udp][,…]');
    const ports = values.port?.flatMap((v) => v.split(',')).filter((s) => s.trim() !== '').map((s) => portArg(s.trim(), 'tcp', '--port'));
    if (values.port && ports?.length === 0) throw new UsageError('--port needs at least one port');
    if ((values.stun?.length ?? 0) > 3) throw new UsageError('--stun: at most 3 servers');
    // Checked before the diagnosis runs: a typo in the file name must not cost a whole run.
    const reportFormat = reportFormatArg(values.report, values['no-redact']);
    let plan;
    try {
      plan = buildPlan({ presetId: values.game ?? 'custom', ports, relayMode: values.relay ?? null, ...resolveVantage(values.companion, values.stun, io.env) });
    } catch (e) {
      if (e instanceof TypeError || e instanceof RangeError) throw new UsageError(e.message);
      throw e;
    }
    const doc = await runDiagnosis(plan, {
      signal: io.signal,
      onProgress: (p) => {
        if (io.stderrIsTTY && p.state !== 'running') io.err(`${p.state === 'done' ? '✓' : p.state === 'skipped' ? '–' : '✗'} ${STEP_LABELS[p.step]}: ${p.note}\n`);
      },
    });
    if (values.json) printJson(io, doc);
    else io.out(diagnosisText(doc));
    if (values.report !== undefined && reportFormat) {
      const redact = !values['no-redact'];
      try {
        const saved = await saveDiagnosisReport(doc, values.report, reportFormat, redact, io.signal);
        io.err(`Saved the report to ${saved}${redact ? ' (public addresses, MACs, computer and user names hidden)' : ' (nothing hidden: check it before sharing)'}.\n`);
      } catch (e) {
        // The diagnosis above is already printed: say what failed, and fail the command.
        if (!(e instanceof AppError)) throw e;
        io.err(`port-doctor diagnose: ${e.detail ?? e.message}\n`);
        return EXIT_FAILURE;
      }
    }
    return doc.verdict.friendsCanJoin || doc.verdict.cause === 'relay-game' ? EXIT_OK : EXIT_FAILURE;
  },
};
