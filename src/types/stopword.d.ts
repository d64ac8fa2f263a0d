// The stopword package ships no types; we use its word lists only.
declare module 'stopword' {
  export const deu: string[];
  export const eng: string[];
}
