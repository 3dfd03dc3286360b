/**
 * DD007: the final image is built on a toolchain image (golang, rust, gcc, JDK, maven, gradle, the
 * .NET SDK, node, buildpack-deps) and compiles the app in that same stage chain, so the compiler,
 * build caches and sources ship with it. A multi-stage build copies only the output into a small
 * runtime (distroless, Chainguard, Alpine). Not when the final stage is on another base — a
 * multi-stage build that ends in a small image is what this rule asks for.
 */
import type { ImageRef, Instruction } from '../dockerfile/ast.js';
import { isRun } from '../dockerfile/guards.js';
import type { LintRule, RuleContext, Violation } from '../rule.js';
import { invocations, type Invocation } from '../shell/invocations.js';
import { chainInstructions, finalStage, imageSpan, stageChain } from './drydock/stages.js';

const CODE = 'DD007';

const TOOLCHAINS: ReadonlyMap<string, string> = new Map([
  ['golang', 'Go toolchain'],
  ['rust', 'Rust toolchain'],
  ['gcc', 'C/C++ toolchain'],
  ['buildpack-deps', 'build toolchain'],
  ['maven', 'Maven and a JDK'],
  ['gradle', 'Gradle and a JDK'],
  ['openjdk', 'JDK'],
  ['eclipse-temurin', 'JDK'],
  ['amazoncorretto', 'JDK'],
  ['ibm-semeru-runtimes', 'JDK'],
  ['sapmachine', 'JDK'],
  ['node', 'Node.js build tooling'],
  ['mcr.microsoft.com/dotnet/sdk', '.NET SDK'],
  ['mcr.microsoft.com/dotnet/core/sdk', '.NET SDK'],
]);
const JDK_NAMES: ReadonlySet<string> = new Set(['openjdk', 'eclipse-temurin', 'amazoncorretto', 'ibm-semeru-runtimes', 'sapmachine']);
const HUB: ReadonlySet<string> = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** The toolchain an image is, e.g. `Go toolchain` for `golang:1.22`; a JRE tag is a runtime. */
function toolchainOf(image: ImageRef): { key: string; what: string } | undefined {
  const repo = image.repository.toLowerCase();
  const hub = image.registry === undefined || HUB.has(image.registry.toLowerCase());
  const key = !hub ? `${(image.registry as string).toLowerCase()}/${repo}` : repo.startsWith('library/') ? repo.slice(8) : repo;
  const what = TOOLCHAINS.get(key);
  if (what === undefined || (JDK_NAMES.has(key) && (image.tag ?? '').includes('jre'))) return undefined;
  return { key, what };
}

const COMPILERS: ReadonlySet<string> = new Set(['gcc', 'g++', 'cc', 'c++', 'clang', 'clang++', 'make', 'javac', 'rustc']);
const SUBCOMMANDS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['go', new Set(['build', 'install'])],
  ['cargo', new Set(['build', 'install'])],
  ['dotnet', new Set(['publish', 'build'])],
  ['mvn', new Set(['package', 'install', 'verify', 'deploy', 'compile'])],
  ['mvnw', new Set(['package', 'install', 'verify', 'deploy', 'compile'])],
  ['gradle', new Set(['build', 'assemble', 'bootJar', 'jar', 'shadowJar', 'installDist'])],
  ['gradlew', new Set(['build', 'assemble', 'bootJar', 'jar', 'shadowJar', 'installDist'])],
  ['cmake', new Set(['--build'])],
]);
const SCRIPT_RUNNERS: ReadonlySet<string> = new Set(['npm', 'yarn', 'pnpm', 'bun']);

/** `go build`, `mvn -B package`, `npm run build`, `make`: the words that make this a build step. */
function buildStep(inv: Invocation): string | undefined {
  if (COMPILERS.has(inv.name)) return inv.name;
  const args = inv.args.map((a) => a.value ?? '');
  const wanted = SUBCOMMANDS.get(inv.name);
  if (wanted !== undefined) {
    const goal = args.find((a) => wanted.has(a) || (inv.name.startsWith('mvn') && a.endsWith(':package')));
    return goal === undefined ? undefined : `${inv.name} ${goal}`;
  }
  if (SCRIPT_RUNNERS.has(inv.name)) {
    const k = args[0] === 'run' || args[0] === 'run-script' ? 1 : 0;
    const script = args[k];
    if (script !== undefined && (script === 'build' || script.startsWith('build:'))) return `${inv.name} ${args.slice(0, k + 1).join(' ')}`;
  }
  return undefined;
}

function firstBuildStep(ctx: RuleContext, instrs: Iterable<Instruction>): { step: string; line: number } | undefined {
  for (const instr of instrs) {
    if (!isRun(instr)) continue;
    for (const script of ctx.shellOf(instr)) {
      for (const inv of invocations(script)) {
        const step = buildStep(inv);
        if (step !== undefined) return { step, line: instr.span.start.line };
      }
    }
  }
  return undefined;
}

export const DD007: LintRule = {
  code: CODE,
  level: 'info',
  message: 'Use a multi-stage build: the final image contains the build toolchain',
  description: 'The app is compiled on a toolchain image (golang, rust, JDK, maven, .NET SDK, node ...) that is also the final image: use a multi-stage build with a small runtime.',
  check(ctx: RuleContext): Violation[] {
    const last = finalStage(ctx.doc);
    if (last === undefined) return [];
    const chain = stageChain(ctx.doc, last.index);
    const root = chain[0];
    if (root === undefined || root.from.image.unresolved) return [];
    const toolchain = toolchainOf(root.from.image);
    if (toolchain === undefined) return [];
    const build = firstBuildStep(ctx, chainInstructions(chain));
    if (build === undefined) return [];
    return [
      {
        code: CODE,
        span: imageSpan(root.from),
        message: `The final image is ${root.from.image.expanded} (${toolchain.what}) and builds the app in place (${build.step} on line ${build.line}): the toolchain, caches and sources ship with it; build in a separate stage and COPY the output into a small runtime image (distroless, Chainguard or Alpine)`,
      },
    ];
  },
};
