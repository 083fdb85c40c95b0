export declare const FLAVOUR: "current" | "min";
export declare const NODE_VERSION: string;
export declare const CODE_SERVER_VERSION: string;
export declare const nodeBinary: string;
export declare const codeServerEntry: string;
export declare const defaultUserSettings: Record<string, unknown>;

export declare function isInstalled(): boolean;
export declare function installWorkbench(options?: { log?: (line: string) => void }): { cached: boolean; seconds: number };
export declare function freePort(): Promise<number>;
export declare function installVsix(vsix: string, extensionsDir: string, userDataDir: string): void;
export declare function packageExtension(options?: { outDir?: string; log?: (line: string) => void }): { vsix: string; size: number };

export interface StartedWorkbench {
  /** The server's base URL, http://127.0.0.1:PORT */
  url: string;
  /** The URL that opens the workspace (and the extension under development, if any). */
  workspaceUrl: string;
  port: number;
  userDataDir: string;
  logFile: string;
  pid: number;
  stop(): Promise<void>;
}

export declare function startWorkbench(options: {
  workspace?: string;
  vsix?: string;
  extensionDevelopmentPath?: string;
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  logFile?: string;
  signal?: AbortSignal;
}): Promise<StartedWorkbench>;
