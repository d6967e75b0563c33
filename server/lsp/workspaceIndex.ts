// The server's view of the workspace: one files snapshot per workspace folder, the open
// documents' unsaved text as overlays, and the latest analysis. Edits and watched-file events
// only mark what changed; `refresh()` re-reads just the changed files (a whole folder only when
// files appear or vanish, or its pyproject.toml changes) and re-analyses the dirty folders.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeWorkspace, readWorkspace, SyntaxTreeCache, type WorkspaceFilesSnapshot, type WorkspaceModel } from '../../shared/engine';
import type { FrameworkVersions } from '../../shared/versions';
import { readPythonFile } from '../../shared/workspace/files';

export type FileEvent = 'created' | 'changed' | 'deleted';

interface FolderState {
  root: string;
  snapshot?: WorkspaceFilesSnapshot;
  /** Files to re-read from disk before the next analysis. */
  changed: Set<string>;
  /** Re-list the whole folder (files created/deleted, configuration changed). */
  rescan: boolean;
  dirty: boolean;
  model?: WorkspaceModel;
  error?: string;
  /** Syntax trees of the folder's files: an edit re-parses only the edited file. */
  trees: SyntaxTreeCache;
}

export interface IndexOptions {
  versions?: Partial<FrameworkVersions>;
}

export type Logger = (message: string) => void;

/** Files whose change can alter which files belong to a folder or how they are read. */
const CONFIG_FILES = new Set(['pyproject.toml']);

export class WorkspaceIndex {
  private readonly folders = new Map<string, FolderState>();
  private readonly overlays = new Map<string, string>();
  private options: IndexOptions = {};

  constructor(private readonly log: Logger) {}

  get roots(): string[] {
    return [...this.folders.keys()];
  }

  addFolder(root: string): void {
    const abs = path.resolve(root);
    if (!this.folders.has(abs)) this.folders.set(abs, { root: abs, changed: new Set(), rescan: true, dirty: true, trees: new SyntaxTreeCache() });
  }

  removeFolder(root: string): void {
    const abs = path.resolve(root);
    this.folders.get(abs)?.trees.dispose();
    this.folders.delete(abs);
  }

  setOptions(options: IndexOptions): void {
    this.options = options;
    for (const f of this.folders.values()) f.dirty = true;
  }

  /** An open document's current text (replaces the file on disk until closed). */
  setOverlay(file: string, text: string): void {
    if (this.overlays.get(file) === text) return;
    this.overlays.set(file, text);
    this.markDirty(file);
  }

  clearOverlay(file: string): void {
    if (!this.overlays.delete(file)) return;
    const folder = this.folderOf(file);
    if (folder) {
      folder.changed.add(file); // back to what is on disk
      folder.dirty = true;
    }
  }

  /** A watched-file event from the client. */
  fileEvent(file: string, event: FileEvent): void {
    const folder = this.folderOf(file);
    if (!folder) return;
    folder.dirty = true;
    if (event !== 'changed' || CONFIG_FILES.has(path.basename(file)) || !file.endsWith('.py')) folder.rescan = true;
    else folder.changed.add(file);
  }

  get isDirty(): boolean {
    return [...this.folders.values()].some((f) => f.dirty);
  }

  /** Re-reads and re-analyses dirty folders. Returns the roots that were analysed. */
  refresh(): string[] {
    const analysed: string[] = [];
    for (const folder of this.folders.values()) {
      if (!folder.dirty) continue;
      folder.dirty = false;
      try {
        this.reread(folder);
        folder.model = analyzeWorkspace(folder.snapshot!, { overlays: this.overlaysFor(folder), trees: folder.trees, ...(this.options.versions ? { versions: this.options.versions } : {}) });
        folder.trees.commit(); // the previous model is gone: free the trees only it used
        delete folder.error;
      } catch (e) {
        folder.trees.abort();
        // Keep the previous model: a crash in the engine must not blank the editor.
        folder.error = e instanceof Error ? e.message : String(e);
        this.log(`route-lens: analysing ${folder.root} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
      analysed.push(folder.root);
    }
    return analysed;
  }

  private reread(folder: FolderState): void {
    if (folder.rescan || !folder.snapshot) {
      folder.snapshot = readWorkspace(folder.root);
      folder.rescan = false;
      folder.changed.clear();
      return;
    }
    const snapshot = folder.snapshot;
    for (const file of folder.changed) {
      snapshot.problems = snapshot.problems.filter((p) => p.file !== file);
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(file);
      } catch {
        snapshot.files.delete(file);
        continue;
      }
      const read = readPythonFile(file, bytes);
      if (read.text !== undefined) snapshot.files.set(file, read.text);
      else snapshot.files.delete(file);
      if (read.problem) snapshot.problems.push(read.problem);
    }
    folder.changed.clear();
  }

  /** Overlays that belong to the folder: its Python files and its configuration files. */
  private overlaysFor(folder: FolderState): Map<string, string> {
    const mine = new Map<string, string>();
    for (const [file, text] of this.overlays) {
      if (this.folderOf(file) !== folder) continue;
      if (file.endsWith('.py') && !folder.snapshot?.files.has(file)) continue; // excluded (e.g. a venv) or not Python
      mine.set(file, text);
    }
    return mine;
  }

  private markDirty(file: string): void {
    const folder = this.folderOf(file);
    if (!folder) return;
    folder.dirty = true;
    if (CONFIG_FILES.has(path.basename(file))) folder.rescan = true;
  }

  /** The innermost workspace folder holding `file`. */
  folderOf(file: string): FolderState | undefined {
    let best: FolderState | undefined;
    for (const f of this.folders.values()) {
      if (file.startsWith(f.root + path.sep) && (!best || f.root.length > best.root.length)) best = f;
    }
    return best;
  }

  modelFor(file: string): WorkspaceModel | undefined {
    return this.folderOf(file)?.model;
  }

  models(): WorkspaceModel[] {
    return [...this.folders.values()].flatMap((f) => (f.model ? [f.model] : []));
  }

  errors(): string[] {
    return [...this.folders.values()].flatMap((f) => (f.error ? [`${f.root}: ${f.error}`] : []));
  }

  /**
   * A fresh map of the texts the folder's last analysis read (files with the open documents'
   * text over them): a copy, because the index updates its own maps in place.
   */
  textsOf(root: string): Map<string, string> {
    const folder = this.folders.get(path.resolve(root));
    const texts = new Map(folder?.snapshot?.files ?? []);
    if (folder) for (const [file, text] of this.overlaysFor(folder)) texts.set(file, text);
    return texts;
  }

  overlay(file: string): string | undefined {
    return this.overlays.get(file);
  }

  /** The text the analysis saw for a file: the open document's, else the snapshot's. */
  textOf(file: string): string | undefined {
    return this.overlays.get(file) ?? this.folderOf(file)?.snapshot?.files.get(file) ?? readIfSmall(file);
  }
}

function readIfSmall(file: string): string | undefined {
  try {
    const bytes = readFileSync(file);
    return readPythonFile(file, bytes).text;
  } catch {
    return undefined;
  }
}
