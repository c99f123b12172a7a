import { formPost, joinUrl } from './http-request.js';
import { requestToken } from './oauth-token.js';
import { TestFailure, text, type Tester } from './tester.js';

interface AzureCloud {
  /** Entra ID (Azure AD) sign-in host. */
  authority: string;
  /** Azure Resource Manager: the token's audience. */
  resourceManager: string;
}

export const AZURE_CLOUDS: Record<string, AzureCloud> = {
  AzureCloud: { authority: 'https://login.microsoftonline.com', resourceManager: 'https://management.azure.com' },
  AzureUSGovernment: { authority: 'https://login.microsoftonline.us', resourceManager: 'https://management.usgovcloudapi.net' },
  AzureChinaCloud: { authority: 'https://login.chinacloudapi.cn', resourceManager: 'https://management.chinacloudapi.cn' },
};

/** azure: a client-credentials token for Resource Manager from the tenant's token endpoint. */
export function azureTester(clouds: Record<string, AzureCloud> = AZURE_CLOUDS): Tester {
  return async (target, options) => {
    const cloud = clouds[text(target.extra.cloud, 'AzureCloud')];
    const tenant = text(target.extra.tenant_id);
    if (!cloud || !tenant) throw new TestFailure('no known cloud and tenant id to sign in to');
    const url = joinUrl(cloud.authority, `${encodeURIComponent(tenant)}/oauth2/v2.0/token`);
    const fields = {
      grant_type: 'client_credentials',
      client_id: target.username ?? '',
      client_secret: target.secret,
      scope: `${cloud.resourceManager}/.default`,
    };
    await requestToken('Entra ID', { ...formPost(url, fields), ...options });
  };
}
