// A stylesheet imported as its text (the bundle's `css-text` plugin), to adopt into a shadow root.
declare module '*.css' {
  const text: string;
  export default text;
}
