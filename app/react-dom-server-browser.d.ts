// React publishes one set of types for react-dom/server; its web-streams build (the one
// app/html-stream.server.ts uses) has the same renderToReadableStream.
declare module 'react-dom/server.browser' {
  export { renderToReadableStream } from 'react-dom/server'
}
