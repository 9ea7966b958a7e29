import { createUnionType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../graphql/connection';
import { Department, User } from '../identity/identity.types';

/** Warning records' GraphQL shapes (api.md: Analysis, `warningRecords`). */

export enum WarningSubjectRole {
  RESPONSIBLE_DEPARTMENT = 'RESPONSIBLE_DEPARTMENT',
  INVOLVED_DEPARTMENT = 'INVOLVED_DEPARTMENT',
  HANDLER = 'HANDLER',
  RESPONSIBLE_PERSON = 'RESPONSIBLE_PERSON',
}
registerEnumType(WarningSubjectRole, { name: 'WarningSubjectRole', description: 'How the subject was involved in the complaint' });

export const WarningSubject = createUnionType({
  name: 'WarningSubject',
  description: 'A department or a person whose service-quality record it is',
  types: () => [User, Department] as const,
  resolveType: (value) => ('email' in value ? User : Department),
});

export interface WarningRecordRow {
  id: string;
  tenantId: string;
  complaintId: string;
  subjectRole: WarningSubjectRole;
  subjectUserId: string | null;
  subjectDepartmentId: string | null;
  categoryCode: string | null;
  major: boolean;
  cause: string;
  deadlinesMissed: number;
  penaltyPoints: string;
  closedAt: Date;
  createdAt: Date;
}

@ObjectType({ description: 'What a closed complaint adds to the service-quality record (警示) of one department or person' })
export class WarningRecord {
  @Field(() => ID) id: string;
  @Field(() => WarningSubjectRole) subjectRole: WarningSubjectRole;
  @Field(() => String, { nullable: true }) categoryCode: string | null;
  @Field() major: boolean;
  @Field({ description: 'The cause the investigation found, else the closing summary' }) cause: string;
  @Field(() => Int, { description: 'Clocks of the complaint that ran out' }) deadlinesMissed: number;
  @Field(() => Float, { description: 'Penalty points, not waived, the subject bears for the complaint' }) penaltyPoints: number;
  @Field() closedAt: Date;
  row: WarningRecordRow;
}

export const WarningRecordConnection = ConnectionType(WarningRecord, 'WarningRecord');

@InputType({ description: 'Every given condition must hold; the period is of the closing, from inclusive, to exclusive' })
export class WarningRecordFilter {
  @Field(() => ID, { nullable: true }) departmentId?: string | null;
  @Field(() => ID, { nullable: true }) userId?: string | null;
  @Field(() => Date, { nullable: true }) from?: Date | null;
  @Field(() => Date, { nullable: true }) to?: Date | null;
}
