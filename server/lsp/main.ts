// Route Lens language server entry: wires the connection (stdio, node IPC or socket, chosen by
// the command line as vscode-languageserver does) to the feature modules.
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { registerCodeActions } from './codeActions';
import { COMPLETION_TRIGGERS, registerCompletion } from './completion';
import { registerCustomRequests, registerDevRouterRequests } from './customRequests';
import { registerHover } from './hover';
import { uriToPath } from './locations';
import { Session } from './session';
import { parseSettings } from './settings';
import { registerSymbols } from './symbols';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const session = new Session(connection);
let pullConfiguration = false;
let dynamicWatchers = false;
let foldersChangeSupport = false;

process.on('uncaughtException', (e) => session.log(`route-lens: uncaught ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => session.log(`route-lens: unhandled rejection ${String(e)}`));

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  pullConfiguration = !!caps.workspace?.configuration;
  dynamicWatchers = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  foldersChangeSupport = !!caps.workspace?.workspaceFolders;
  session.setSettings(parseSettings(params.initializationOptions));
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  for (const uri of folders) {
    const root = uriToPath(uri);
    if (root) session.index.addFolder(root);
  }
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      workspaceSymbolProvider: true,
      completionProvider: { triggerCharacters: COMPLETION_TRIGGERS },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'route-lens' },
  };
});

connection.onInitialized(async () => {
  if (dynamicWatchers) {
    await connection.client
      .register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.py' }, { globPattern: '**/pyproject.toml' }, { globPattern: '**/.python-version' }, { globPattern: '**/requirements*.txt' }],
      })
      .catch((e: unknown) => session.log(`route-lens: cannot watch files: ${String(e)}`));
  }
  if (pullConfiguration) {
    await connection.client.register(DidChangeConfigurationNotification.type, { section: 'routeLens' }).catch(() => undefined);
    await loadConfiguration();
  }
  if (foldersChangeSupport) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      for (const f of e.removed) {
        const root = uriToPath(f.uri);
        if (root) session.removeFolder(root);
      }
      for (const f of e.added) {
        const root = uriToPath(f.uri);
        if (root) session.index.addFolder(root);
      }
      session.schedule(0);
    });
  }
  await session.start();
});

async function loadConfiguration(): Promise<void> {
  try {
    const raw: unknown = await connection.workspace.getConfiguration('routeLens');
    session.setSettings(parseSettings(raw));
  } catch (e) {
    session.log(`route-lens: cannot read settings: ${String(e)}`);
  }
}

connection.onDidChangeConfiguration(async (change) => {
  if (pullConfiguration) await loadConfiguration();
  else {
    const raw = (change.settings as Record<string, unknown> | null)?.['routeLens'];
    if (raw !== undefined) session.setSettings(parseSettings(raw));
  }
});

documents.onDidOpen((e) => {
  const file = uriToPath(e.document.uri);
  if (file) session.documentOpened(file);
});

documents.onDidChangeContent((e) => {
  const file = uriToPath(e.document.uri);
  if (!file) return;
  session.index.setOverlay(file, e.document.getText());
  session.schedule();
});

documents.onDidClose((e) => {
  const file = uriToPath(e.document.uri);
  if (!file) return;
  session.index.clearOverlay(file);
  session.schedule();
});

connection.onDidChangeWatchedFiles((params) => {
  for (const change of params.changes) {
    const file = uriToPath(change.uri);
    if (!file) continue;
    const kind = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
    session.index.fileEvent(file, kind);
  }
  session.schedule();
});

registerHover(connection, session);
registerCodeActions(connection, session);
registerSymbols(connection, session);
registerCompletion(connection, session);
registerCustomRequests(connection, session);
registerDevRouterRequests(connection, session, session.devRouter);

connection.onShutdown(() => session.dispose());

documents.listen(connection);
connection.listen();
