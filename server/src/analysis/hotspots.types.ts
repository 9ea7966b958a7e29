import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { PenaltySubject } from '../penalties/penalty.types';
import type { Department, User } from '../identity/identity.types';

/** What keeps recurring: the assets, products and customers with the most complaints, and who bears penalties. */

@ObjectType()
export class AssetHotspot {
  @Field(() => ID) assetId: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) serialNumber: string | null;
  @Field(() => String, { nullable: true }) model: string | null;
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'A product: the model of the assets complained about' })
export class ProductHotspot {
  @Field() model: string;
  @Field(() => Int) count: number;
}

@ObjectType()
export class CustomerHotspot {
  @Field(() => ID) customerId: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'The complaints of a period the viewer may see, by what they are about and who makes them; most first' })
export class ComplaintHotspots {
  @Field(() => [AssetHotspot]) assets: AssetHotspot[];
  @Field(() => [ProductHotspot]) products: ProductHotspot[];
  @Field(() => [CustomerHotspot]) customers: CustomerHotspot[];
}

@ObjectType()
export class MoneyTotal {
  @Field() currency: string;
  @Field(() => Float) amount: number;
}

@ObjectType({ description: 'Penalties of a period, not waived, borne by one person or department' })
export class PenaltyTotal {
  @Field(() => PenaltySubject) subject: User | Department;
  @Field(() => Int) count: number;
  @Field(() => Float) points: number;
  @Field(() => [MoneyTotal]) amounts: MoneyTotal[];
  subjectUserId: string | null;
  subjectDepartmentId: string | null;
}
