import { signSigV4 } from './sigv4.js';

describe('signSigV4', () => {
  it('reproduces the signed POST example of the AWS General Reference (IAM ListUsers)', () => {
    const headers = signSigV4({
      url: 'http://iam.amazonaws.com/',
      body: 'Action=ListUsers&Version=2010-05-08',
      region: 'us-east-1',
      service: 'iam',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      now: new Date('2011-09-09T23:36:00Z'),
    });
    expect(headers['x-amz-date']).toBe('20110909T233600Z');
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20110909/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, ' +
        'Signature=ced6826de92d2bdeed8f846f0bf508e8559e98e4b0199114b84c54174deb456c',
    );
  });
});
