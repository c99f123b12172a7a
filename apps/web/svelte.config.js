// Svelte 5 with runes everywhere: component state is $state/$derived, never legacy `let` reactivity.
export default {
  compilerOptions: { runes: true },
};
