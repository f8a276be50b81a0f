// Every action module registers its actions with defineActions() when imported.
// (One import per module; keep the list sorted.)
import './catalogue.js';
export {};
