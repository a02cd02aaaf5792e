/**
 * Lets a child `node` process run the router's TypeScript sources directly (`node -r
 * ./test/router/ts-register.js router/main.ts`), transpiled on load with the project's own
 * `typescript` package. The router tests need a real Node process, not Jest's sandbox: the Hive
 * runtime loads its Rust query planner with a dynamic `import()`, which Jest refuses without
 * --experimental-vm-modules. Running the real entry point also exercises main.ts's start-up
 * line and SIGTERM handling.
 */
const fs = require('node:fs');
const ts = require('typescript');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  sourceMap: false,
};

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
