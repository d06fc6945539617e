/** The layout worker bundle's text, provided by the build (tools/build.mjs) as a virtual module. */
declare module 'graph-layout-worker-source' {
  export const graphLayoutWorkerSource: string;
}
