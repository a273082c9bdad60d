import { OmitType, PartialType } from '@nestjs/swagger';
import { EndpointInDto } from './endpoint-in.dto';

/** Svix's `EndpointPatch`: any of `EndpointIn`'s fields but the secret (own routes); only those given change. */
export class EndpointPatchDto extends PartialType(OmitType(EndpointInDto, ['secret'] as const)) {}
