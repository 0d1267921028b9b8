import { it } from 'vitest';
import { startMoto, motoCredentials } from './moto.js';
import { EC2Client, RunInstancesCommand, DescribeInstancesCommand, StopInstancesCommand, DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { LambdaClient, CreateFunctionCommand, GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
it('probe', async () => {
  const moto = await startMoto();
  const cfg = { endpoint: moto.endpoint, region: 'us-east-1', credentials: motoCredentials };
  const ec2 = new EC2Client(cfg);
  const imgs = await ec2.send(new DescribeImagesCommand({}));
  console.log('images', imgs.Images?.slice(0,2).map(i=>i.ImageId));
  const r = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12345678', MinCount: 2, MaxCount: 2, InstanceType: 'm7g.xlarge', TagSpecifications: [{ResourceType:'instance', Tags:[{Key:'aws:lambda:capacity-provider', Value:'arn:aws:lambda:us-east-1:123456789012:capacity-provider:notes-lmi'}]}]}));
  console.log('run', r.Instances?.map(i=>[i.InstanceId, i.State?.Name, i.LaunchTime]));
  await ec2.send(new StopInstancesCommand({InstanceIds:[r.Instances![0].InstanceId!]}));
  const d = await ec2.send(new DescribeInstancesCommand({ Filters: [{Name:'tag-key', Values:['aws:lambda:capacity-provider']}], IncludeManagedResources: true }));
  console.log('desc', d.Reservations?.flatMap(x=>x.Instances!.map(i=>[i.InstanceId,i.State?.Name])));
  const iam = await fetch(`${moto.endpoint}/`, { method:'POST', headers:{'content-type':'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=AKIDMOTOTEST/20250101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=x'}, body: new URLSearchParams({Action:'CreateRole', Version:'2010-05-08', RoleName:'lambda-role', AssumeRolePolicyDocument:'{}'}) });
  console.log('iam', iam.status, (await iam.text()).slice(0,300));
  const lambda = new LambdaClient(cfg);
  try {
  await lambda.send(new CreateFunctionCommand({ FunctionName: 'notes-get', Role: 'arn:aws:iam::123456789012:role/lambda-role', Runtime: 'nodejs22.x', Handler: 'index.handler', Code: { ZipFile: new Uint8Array([80,75,5,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]) }, MemorySize: 2048, Architectures: ['arm64'] }));
  const g = await lambda.send(new GetFunctionConfigurationCommand({FunctionName:'notes-get'}));
  console.log('fn', g.MemorySize, g.Architectures);
  } catch (e) { console.log('lambda err', e); }
  await moto.stop();
});
