/** Vite turns imported stylesheets into a <link>; TypeScript only needs to know they exist. */
declare module '*.css';
