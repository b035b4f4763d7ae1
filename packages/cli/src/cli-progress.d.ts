/** The part of cli-progress 3.12 the CLI uses (the package ships no types). */
declare module 'cli-progress' {
  export interface Options {
    format?: string
    stream?: NodeJS.WritableStream
    etaBuffer?: number
    hideCursor?: boolean
    clearOnComplete?: boolean
  }
  export class SingleBar {
    constructor(options: Options, preset?: unknown)
    start(total: number, startValue: number, payload?: Record<string, unknown>): void
    update(value: number, payload?: Record<string, unknown>): void
    stop(): void
  }
  export const Presets: { shades_classic: unknown }
  const cliProgress: { SingleBar: typeof SingleBar; Presets: typeof Presets }
  export default cliProgress
}
