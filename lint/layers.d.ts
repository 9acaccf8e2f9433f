import type { ESLint, Rule } from 'eslint';

export declare const LAYERS: Record<string, number>;
export declare function layerOf(root: string, file: string): string | undefined;
export declare const layersRule: Rule.RuleModule;
declare const plugin: ESLint.Plugin;
export default plugin;
