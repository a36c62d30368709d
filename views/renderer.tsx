import { jsxRenderer } from 'hono/jsx-renderer';
import { Layout } from './layout.tsx';

declare module 'hono' {
  interface ContextRenderer {
    (content: string | Promise<string>, props: { title: string }): Response | Promise<Response>;
  }
}

/** `c.render(<Page/>, { title })` wraps a page in the layout; htmx requests get the fragment alone. */
export const pageRenderer = () =>
  jsxRenderer(({ children, title }) => <Layout title={title}>{children}</Layout>, { docType: true });
