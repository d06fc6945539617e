/**
 * Publishes FileAnalysis.diagnostics as problems (source `conv-inspector`) while the setting
 * allows: errors and warnings as they are, one note per root cause, the other notes as hints
 * where they touch a model (analysis/findingTriage.ts).
 */
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { ConfigKey, DIAGNOSTIC_SOURCE } from '../constants';
import type { FileAnalysis, Finding } from '../engine/report';
import type { PresentedSeverity } from '../analysis/findingTriage';
import { presentFindings } from '../analysis/findingTriage';
import type { DocumentAnalysisCache } from './documentAnalysisCache';
import { affectsUs, readSettings } from './settings';
import { toRange } from './vscodeRanges';

const SEVERITY: Readonly<Record<PresentedSeverity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding, severity: PresentedSeverity = finding.severity): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, SEVERITY[severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = finding.code;
  return diagnostic;
}

export class DiagnosticsPublisher extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE));

  constructor(private readonly cache: DocumentAnalysisCache) {
    super();
    this._register(cache.onDidAnalyze(({ document, analysis }) => this.publish(document.uri, analysis)));
    this._register(vscode.workspace.onDidCloseTextDocument((document) => this.collection.delete(document.uri)));
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsUs(event, ConfigKey.DiagnosticsEnabled)) this.refreshAll();
      }),
    );
  }

  private publish(uri: vscode.Uri, analysis: FileAnalysis | undefined): void {
    if (!analysis || !readSettings(uri).diagnosticsEnabled) {
      this.collection.delete(uri);
      return;
    }
    this.collection.set(
      uri,
      presentFindings(analysis).map(({ finding, severity }) => toDiagnostic(finding, severity)),
    );
  }

  private refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) {
      if (!readSettings(document.uri).diagnosticsEnabled) {
        this.collection.delete(document.uri);
      } else {
        void this.cache.get(document).then((analysis) => this.publish(document.uri, analysis));
      }
    }
  }
}
