// Prints {"<file>": <its HCL as JSON>} for each file named on the command line, through HashiCorp's HCL parser
// (@cdktf/hcl2json); exits 1 naming the file and the parser's message when one does not parse.
import { readFileSync } from "node:fs";
import { parse } from "@cdktf/hcl2json";

const result = {};
for (const file of process.argv.slice(2)) {
  try {
    result[file] = await parse(file, readFileSync(file, "utf8"));
  } catch (error) {
    console.error(`${file}: ${error}`);
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(result));
