import { PartialType } from '@nestjs/swagger';
import { ApplicationIn } from './application-in.dto';

/** Svix's `ApplicationPatch`: only the fields given change. */
export class ApplicationPatch extends PartialType(ApplicationIn) {}
