// The engine's front door: everything outside shared/ (CLI, language server, dev router)
// calls these functions.
export { initPythonParser as initEngine } from './python/parser';
export { readWorkspace, analyzeWorkspace } from './workspace/loadWorkspace';
export type { WorkspaceModel, WorkspaceOptions, WorkspaceFilesSnapshot } from './workspace/loadWorkspace';
export type { ProjectModel } from './model/buildModel';
export type { AppInfo, AppSettings, Unresolved, FileProblem } from './model/types';
export { SyntaxTreeCache } from './python/treeCache';
