import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { TokenResponse } from '../../principal.response.js';
import { PrincipalPageQueryDto } from '../page.dto.js';

export class ListTokensQueryDto extends PrincipalPageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'tokens of this principal only' }) @IsOptional() @IsUUID() principalId?: string;
}

export class TokenPageResponse {
  @ApiProperty({ type: [TokenResponse], description: 'never the token itself' }) tokens!: TokenResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor!: string | null;
}
