import { OmitType, PartialType } from '@nestjs/swagger';
import { EndpointIn } from './endpoint-in.dto';

/** Svix's `EndpointPatch`: any of `EndpointIn`'s fields but the secret (own routes); only those given change. */
export class EndpointPatch extends PartialType(OmitType(EndpointIn, ['secret'] as const)) {}
