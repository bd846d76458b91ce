// The password of user:create and user:set-password: asked for twice with hidden input on a
// terminal, or read from standard input otherwise (one line; scripts and pipes).

/** The new password, or null (after saying why) when the two typed ones differ. */
export async function readNewPassword(command: string): Promise<string | null> {
  if (!process.stdin.isTTY) return readStdin();
  const password = await promptHidden("Password: ");
  if ((await promptHidden("Repeat password: ")) !== password) {
    console.error(`${command}: the passwords do not match`);
    return null;
  }
  return password;
}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    let input = "";
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.setEncoding("utf8");
    stdin.resume();
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      process.stdout.write("\n");
      if (error) reject(error);
      else resolve(input);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") return done();
        if (ch === "\u0003") return done(new Error("cancelled"));
        if (ch === "\u007f" || ch === "\b") input = [...input].slice(0, -1).join("");
        else input += ch;
      }
    };
    stdin.on("data", onData);
  });
}

async function readStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, "");
}
