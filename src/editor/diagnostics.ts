/** Publishes FileAnalysis.diagnostics as problems (source `conv-inspector`) while the setting allows. */
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { ConfigKey, DIAGNOSTIC_SOURCE } from '../constants';
import type { Finding } from '../engine/report';
import type { DocumentAnalysisCache } from './documentAnalysisCache';
import { affectsUs, readSettings } from './settings';
import { toRange } from './vscodeRanges';

const SEVERITY: Readonly<Record<Finding['severity'], vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toDiagnostic(finding: Finding): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = finding.code;
  return diagnostic;
}

export class DiagnosticsPublisher extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE));

  constructor(private readonly cache: DocumentAnalysisCache) {
    super();
    this._register(cache.onDidAnalyze(({ document, analysis }) => this.publish(document.uri, analysis?.diagnostics)));
    this._register(vscode.workspace.onDidCloseTextDocument((document) => this.collection.delete(document.uri)));
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsUs(event, ConfigKey.DiagnosticsEnabled)) this.refreshAll();
      }),
    );
  }

  private publish(uri: vscode.Uri, findings: readonly Finding[] | undefined): void {
    if (!findings || !readSettings(uri).diagnosticsEnabled) {
      this.collection.delete(uri);
      return;
    }
    this.collection.set(
      uri,
      findings.map((finding) => toDiagnostic(finding)),
    );
  }

  private refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) {
      if (!readSettings(document.uri).diagnosticsEnabled) {
        this.collection.delete(document.uri);
      } else {
        void this.cache.get(document).then((analysis) => this.publish(document.uri, analysis?.diagnostics));
      }
    }
  }
}
