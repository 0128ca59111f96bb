#!/usr/bin/env node
// The installed `speakloop` command: runs the CLI built by `npm run build` (out/main/cli.js).
import { main } from '../out/main/cli.js'

process.exitCode = await main(process.argv.slice(2))
