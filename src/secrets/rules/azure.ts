/** Microsoft Azure: Entra ID client secrets, storage keys, SAS tokens, DevOps PATs, ACR and App Configuration credentials. */
import type { SecretRule } from '../rule.js';

export const AZURE_RULES: readonly SecretRule[] = [
  {
    id: 'azure-ad-client-secret',
    title: 'Azure Entra ID (AD) client secret',
    severity: 'critical',
    // three chars, a digit, `Q~`, then 31-34 chars: the format of secrets issued since 2021
    keywords: ['q~'],
    pattern: String.raw`(?:^|[\\'"\x60\s>=:(,)])([a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34})(?:$|[\\'"\x60\s<),])`,
    entropy: 3,
    examples: { match: ['client_secret=zFd8Q~_XQK~JCuZz8vSElR2t9GNcYpUiZIgW~M8P', 'AZURE_CLIENT_SECRET: "zFd8Q~_XQK~JCuZz8vSElR2t9GNcYpUiZIgW~M8P"'], noMatch: ['value=abc8Q~short', 'x8Q~' + 'a'.repeat(34)] },
  },
  {
    id: 'azure-storage-account-key',
    title: 'Azure storage account key',
    severity: 'critical',
    keywords: ['accountkey'],
    pattern: String.raw`AccountKey\s*=\s*([A-Za-z0-9+/]{86}==)`,
    flags: 'i',
    examples: {
      match: ['DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=FQMUFuuZlLTHw2An/IX50v6idUPZUa+j2b+gksOEt05FINQSPFhkQ/lgwWMDx1KoVdum+kr+uM3NVKdeXyn3tj==;EndpointSuffix=core.windows.net'],
      noMatch: ['AccountKey=<your-key>', 'AccountKey=abc=='],
    },
  },
  {
    id: 'azure-sas-token',
    title: 'Azure shared access signature (SAS) token',
    severity: 'high',
    keywords: ['sig='],
    pattern: String.raw`sv=\d{4}-\d{2}-\d{2}(?:[&;][a-z]+=[^&\s'"]*){1,12}[&;]sig=([A-Za-z0-9%+/=]{40,})`,
    examples: {
      match: ['https://demo.blob.core.windows.net/c/b?sv=2023-11-03&sr=b&sp=r&se=2030-01-01T00%3A00%3A00Z&spr=https&sig=D728qBIiUrMjEgk8PDCRIcasKhYWyEuspYuHWsvzDaxd'],
      noMatch: ['sv=2023-11-03&sig=short', '?sig=' + 'A'.repeat(44)],
    },
  },
  {
    id: 'azure-devops-pat',
    title: 'Azure DevOps personal access token',
    severity: 'high',
    keywords: ['azure_devops', 'azuredevops', 'azure-devops', 'ado_pat', 'ado_token', 'ado-pat', 'ado-token'],
    pattern: String.raw`(?:azure[_-]?devops|ado)[_-]?(?:pat|token|personal.?access.?token)\s*[:=]\s*["']?([a-z2-7]{52})["']?`,
    flags: 'i',
    examples: { match: ['AZURE_DEVOPS_PAT=cytdg32gv4n773odpk6vyyz4b5krjf5fc7sd2lum7cyl6gll5nk5'], noMatch: ['AZURE_DEVOPS_PAT=$(System.AccessToken)', 'ado_token: short'] },
  },
  {
    id: 'azure-container-registry-credential',
    title: 'Azure Container Registry access token',
    severity: 'critical',
    keywords: ['acyebjfeqg7naaa'],
    pattern: '([A-Za-z0-9+/]{52}JQQJ99C[A-Z]ACYeBjFEqg7NAAA[A-Z]AZCR[A-Za-z0-9+/]{4})',
    examples: { match: ['password: I/xvOfhBG26sp7NiKkhoxMwexjUoeW0pDHkXAX9bwOeuWC4Iuj6kJQQJ99CEACYeBjFEqg7NAAAEAZCRq6hK'], noMatch: ['ACYeBjFEqg7NAAA'] },
  },
  {
    id: 'azure-container-registry-password',
    title: 'Azure Container Registry password',
    severity: 'critical',
    keywords: ['azurecr.io'],
    pattern: String.raw`azurecr\.io[^\n]{0,100}(?:password|pwd)\s*[:=]\s*["']?([a-zA-Z0-9+/]{32})["']?`,
    flags: 'i',
    examples: { match: ['docker login demo.azurecr.io --username demo password=k57a705wQ4rI4/SdM7Cv4BJUKkPhriJ7'], noMatch: ['demo.azurecr.io password: ${ACR_PASSWORD}'] },
  },
  {
    id: 'azure-app-config-connection-string',
    title: 'Azure App Configuration connection string',
    severity: 'critical',
    keywords: ['azconfig.io'],
    pattern: String.raw`Endpoint\s*=\s*https://[a-zA-Z0-9-]+\.azconfig\.io\s*;\s*Id\s*=\s*[a-zA-Z0-9+/=:-]+\s*;\s*Secret\s*=\s*([a-zA-Z0-9+/=~]{32,88})`,
    flags: 'i',
    examples: { match: ['Endpoint=https://demo.azconfig.io;Id=Ab1c-l0-s0:xyz;Secret=dM9AbT53gBdj+4lMqCt9HU9Jy3HVA=WMOTaITrqwmX+R'], noMatch: ['Endpoint=https://demo.azconfig.io;Id=x;Secret=<secret>'] },
  },
  {
    id: 'azure-ai-services-key',
    title: 'Azure AI services key',
    severity: 'high',
    keywords: ['xj3w3'],
    pattern: '([A-Za-z0-9+/]{52}JQQJ99C[A-Z][A-Za-z0-9+/]{7}XJ3w3[A-Za-z0-9+/]{4}ACOG[A-Za-z0-9+/]{4})',
    examples: { match: ['AZURE_OPENAI_KEY=VPgFoWPMb3NWB5kM8hKdRmkkl7vTlLpjB9vskY3ZKgZopjn81CEBJQQJ99CBzjwYiJSXJ3w38xaMACOGE0Ve'], noMatch: ['XJ3w3 ACOG'] },
  },
];
