// The official TypeScript MCP SDK as a client of `skillrt mcp serve` (tests/SkillRt.Cli.Tests/Mcp):
//   node mcp-client.mjs <tool> <arguments-json> <command> [args...]
// starts the server over stdio, lists its tools, calls <tool> and prints {"tools": [...], "result": {...}}.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [tool, argumentsJson, command, ...args] = process.argv.slice(2);
// The SDK passes the server only a few variables by default; the test's store and model settings are in the rest.
const transport = new StdioClientTransport({ command, args, env: process.env, stderr: "inherit" });
const client = new Client({ name: "skillrt-test-ts", version: "1.0.0" });
await client.connect(transport);
const { tools } = await client.listTools();
const result = await client.callTool({ name: tool, arguments: JSON.parse(argumentsJson) });
process.stdout.write(JSON.stringify({ tools: tools.map((t) => ({ name: t.name, inputSchema: t.inputSchema, outputSchema: t.outputSchema })), result }) + "\n");
await client.close();
