/**
 * `dsv` command line: `dsv extract FILE --json` and `dsv audit DIR --json`
 * (shapes in shared/spec/extraction.md). Each sub-command lives in its own module.
 */
const USAGE = `用法 / usage:
  dsv extract FILE [--json]            读取一份合同或检验报告，输出结构化数据
  dsv audit DIR [--as-of YYYY-MM-DD] [--json]   核验一个文件夹中的合同与报告`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'extract') {
    const { runExtractCommand } = await import('./extract-command');
    return runExtractCommand(rest);
  }
  if (command === 'audit') {
    const { runAuditCommand } = await import('./audit-command');
    return runAuditCommand(rest);
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
