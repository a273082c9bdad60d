import { PartialType } from '@nestjs/swagger';
import { ApplicationInDto } from './application-in.dto';

/** Svix's `ApplicationPatch`: only the fields given change. */
export class ApplicationPatchDto extends PartialType(ApplicationInDto) {}
