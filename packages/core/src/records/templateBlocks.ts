import { BasicBlock } from './basicBlock.js'

/** `factory`: the legacy template button; its title is the button text, its children the template. */
export class FactoryBlock extends BasicBlock {}
/** `template`: a template button; its title is the button text, its children the template. */
export class TemplateBlock extends BasicBlock {}
/** `button`: an automation button (`format.automation_id`); its title is the button text. */
export class ButtonBlock extends BasicBlock {}
