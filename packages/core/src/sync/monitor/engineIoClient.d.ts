// engine.io-client's ESM build (an exported subpath, shipped without its own .d.ts): the same
// classes as the package's main entry, without its Node transports (xmlhttprequest-ssl, ws) and
// without `debug`, which are CommonJS and break ESM bundles ("Dynamic require of fs").
declare module 'engine.io-client/dist/engine.io.esm.min.js' {
  export { Fetch, Socket, WebSocket } from 'engine.io-client'
}
