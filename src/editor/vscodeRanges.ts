/** Conversions between the analysis' 0-based ranges and VS Code's. */
import * as vscode from 'vscode';
import type { SourcePosition, SourceRange } from '../engine/report';

export function toPosition(position: SourcePosition): vscode.Position {
  return new vscode.Position(position.line, position.column);
}

export function toRange(range: SourceRange): vscode.Range {
  return new vscode.Range(toPosition(range.start), toPosition(range.end));
}

export function fromPosition(position: vscode.Position): SourcePosition {
  return { line: position.line, column: position.character };
}

/** A `command:` link with its arguments, for trusted Markdown. */
export function commandLink(command: string, args: readonly unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}
