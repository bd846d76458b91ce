/** What the import preview shows, translated on the server. */
export interface ImportPreviewView {
  /** The encoding the text was read with (the author's choice, else the detected one). */
  encoding: string;
  detected: string;
  /** Confidence of the detection, 0–100. */
  confidence: number;
  volumes: number;
  chapters: number;
  words: number;
  intro: string;
  first: { title: string; opening: string }[];
  /** Translated descriptions of headings that look wrong (at most 100). */
  suspicious: string[];
  suspiciousTotal: number;
}

/** The file staged on the server (lib/data/authoring/import-upload.ts) that the form works on. */
export interface StagedUploadView {
  /** Sent back in a hidden field by the next step, which reads the file by it. */
  id: string;
  fileName: string;
  byteSize: number;
}

/** State of the import form (useActionState): an error, or the preview awaiting confirmation. */
export interface ImportFormState {
  status: "idle" | "error" | "preview";
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** The staged file, once one was uploaded: a new file chosen replaces it. */
  upload?: StagedUploadView;
  preview?: ImportPreviewView;
  /** Key of the previewed file and options, sent back by the confirm step. */
  confirmKey?: string;
  /** The book this file was imported into already. */
  existingBookId?: number;
  values?: Record<string, string>;
}

export const initialImportState: ImportFormState = { status: "idle" };
