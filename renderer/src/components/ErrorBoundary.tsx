/**
 * A rendering bug must not leave a blank window: say so in plain words and offer a reload.
 * (The store keeps nothing that a reload would lose for good; scans run again.)
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  failed: boolean;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Developer detail goes to the console only; the window shows plain words.
    console.error('MCP Auth Doctor window error:', error.message, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <main className="app-main">
        <div className="state state-error" role="alert">
          <h1>Something went wrong in this window</h1>
          <p>Nothing on your computer was changed. Reload the window to start again.</p>
          <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      </main>
    );
  }
}
