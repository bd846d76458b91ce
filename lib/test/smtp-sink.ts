import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

// A real SMTP server for tests (smtp-server), keeping every mail it receives, parsed.

export interface SmtpSink {
  inbox: ParsedMail[];
  /** The mails that reached `to` so far, waiting a moment for one that is on its way. */
  mailsTo(to: string, atLeast?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpSink(port: number): Promise<SmtpSink> {
  const inbox: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, done) {
      simpleParser(stream).then(
        (mail) => {
          inbox.push(mail);
          done();
        },
        (err: Error) => done(err),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(port, "127.0.0.1", resolve));
  return {
    inbox,
    async mailsTo(to, atLeast = 1) {
      const mine = () => inbox.filter((m) => m.to && !Array.isArray(m.to) && m.to.text === to);
      for (let i = 0; i < 100 && mine().length < atLeast; i++) await new Promise((r) => setTimeout(r, 50));
      return mine();
    },
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}
