// CMOE Tracker: the Azure resources for one environment, deployed by `arm/deploy` in teamsapp.yml.
//
//   user-assigned managed identity  the bot's identity (Azure Bot, msaAppType UserAssignedMSI: no bot
//                                   password exists) and the App Service's key to Key Vault
//   Key Vault (RBAC)                holds the Entra app's client secret for on-behalf-of and app-only
//                                   Graph calls; the App Service reads it by reference, never as text
//   Linux App Service, Node         serves the tab, the API and the bot's /api/messages on one origin
//   Azure Bot + Teams channel       routes Teams messages to /api/messages
//
// No storage account or database: in production the data is in SharePoint lists (STORE=sharepoint).
// Every app setting name below is one src/config.ts reads; tests/appPackage/infra.test.ts keeps it so.
// The outputs are written to env/.env.<env> by the toolkit under the same names.

@description('Base of the resource names: 3-11 lowercase letters or digits, starting with a letter. A hash of the resource group is appended.')
@minLength(3)
@maxLength(11)
param resourceBaseName string

param location string = resourceGroup().location

@description('App Service plan SKU. B1 or above: "always on" keeps the bot\'s scheduled sweep running.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
])
param appServiceSku string = 'B1'

@description('Node.js runtime of the App Service.')
@allowed([
  'NODE|20-lts'
  'NODE|22-lts'
])
param nodeRuntime string = 'NODE|20-lts'

@description('Bot name shown in Teams and in the Azure portal.')
@maxLength(42)
param botDisplayName string

@description('The Entra app registration for Teams SSO (aadApp/create): its client id.')
param aadAppClientId string

@description('The tenant of the Entra app (and of the council).')
param aadAppTenantId string = subscription().tenantId

@description('The Entra app\'s client secret (aadApp/create writes it to env/.env.<env>.user). Stored in Key Vault only.')
@secure()
param aadAppClientSecret string

@description('Graph id of the SharePoint site holding the CMOE lists: "<host>,<site guid>,<web guid>".')
param sharePointSiteId string

// National clouds differ; the defaults are the global cloud's, and env/.env.<env> sets them anyway.
#disable-next-line no-hardcoded-env-urls
param graphBaseUrl string = 'https://graph.microsoft.com'
#disable-next-line no-hardcoded-env-urls
param authorityHost string = 'https://login.microsoftonline.com'

@allowed([
  'debug'
  'info'
  'warn'
  'error'
])
param logLevel string = 'info'

@description('A date the group meets on (YYYY-MM-DD); the cadence runs from it.')
param meetingAnchorDate string
param meetingEveryWeeks string = '4'
@description('Meeting time, Europe/London, 24-hour HH:MM.')
param meetingTime string = '10:00'

@description('The Teams app id (teamsApp/create), for deep links in the bot\'s cards.')
param teamsAppId string

@description('When the bot posts its scheduled messages on working days (Europe/London, HH:MM).')
param notifyTime string = '08:30'

@description('The date the terms of reference were agreed (YYYY-MM-DD); empty: no review prompt.')
param torAnniversary string = ''

@description('Only this team (19:...@thread.tacv2) gets the bot\'s posts; empty: every team it is in.')
param botTeamId string = ''

@description('Personal nudges in each person\'s Teams activity feed (needs TeamsActivity.Send granted); off: channel posts only.')
@allowed([
  'on'
  'off'
])
param activityFeed string = 'off'

@description('The group\'s team as Graph names it (its Microsoft 365 group id, a GUID), for activity feed nudges.')
param activityFeedTeamId string = ''

@description('How long a closed case keeps its personal data (the council\'s retention schedule decides): until-age:N or years-after-closure:N. See docs/data-protection.md.')
param retentionRule string = 'until-age:25'

@description('Extra non-working days, e.g. 2026-12-24,2026-12-31 (bank holidays are built in).')
param extraClosures string = ''
@description('School holidays for school-day counts, e.g. 2026-10-26..2026-10-30,2026-12-21..2027-01-01.')
param schoolHolidays string = ''

@description('Tags on every resource, e.g. the council\'s cost centre and data classification.')
param tags object = {}

var suffix = uniqueString(resourceGroup().id)
var appName = '${resourceBaseName}-${suffix}'
// Key Vault names: 3-24 characters, letters, digits and hyphens, starting with a letter.
var keyVaultName = take('${resourceBaseName}kv${suffix}', 24)
var clientSecretName = 'entra-client-secret'
// Built-in role "Key Vault Secrets User": read secret values, nothing else.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
// The bot's member list (who holds which CMOE role), on the App Service's persistent /home storage, so a
// deploy (which replaces /home/site/wwwroot) keeps it. Uploaded by an administrator: docs/deploy.md.
var membersFile = '/home/data/cmoe-members.json'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${appName}-id'
  location: location
  tags: tags
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource clientSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: clientSecretName
  properties: {
    value: aadAppClientSecret
    contentType: 'Entra app client secret (CLIENT_SECRET)'
  }
}

resource identityReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${appName}-plan'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServiceSku
  }
  properties: {
    reserved: true // Linux
  }
}

// The App Service's settings, named as src/config.ts reads them. An empty value is left out, so the
// server's default applies (or, for a required one, the server names it as missing when it starts).
var appSettings = filter(
  [
    // Platform: build on the Linux host (npm install + npm run build), so native modules match it.
    {
      name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
      value: 'true'
    }
    // NODE_ENV=production would make that `npm install` skip the compilers `npm run build` needs.
    {
      name: 'NPM_CONFIG_INCLUDE'
      value: 'dev'
    }
    // The server (src/config.ts). PORT is set by App Service itself.
    {
      name: 'NODE_ENV'
      value: 'production'
    }
    {
      name: 'HOST'
      value: '0.0.0.0'
    }
    {
      name: 'STORE'
      value: 'sharepoint'
    }
    {
      name: 'AUTH_MODE'
      value: 'teams'
    }
    {
      name: 'SEED_DEMO'
      value: 'false'
    }
    {
      name: 'LOG_LEVEL'
      value: logLevel
    }
    {
      name: 'PUBLIC_BASE_URL'
      value: 'https://${appName}.azurewebsites.net'
    }
    {
      name: 'TENANT_ID'
      value: aadAppTenantId
    }
    {
      name: 'CLIENT_ID'
      value: aadAppClientId
    }
    {
      name: 'APP_ID_URI'
      value: 'api://${appName}.azurewebsites.net/${aadAppClientId}'
    }
    {
      name: 'AUTHORITY_HOST'
      value: authorityHost
    }
    {
      name: 'CLIENT_SECRET'
      value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${clientSecretName})'
    }
    {
      name: 'GRAPH_BASE_URL'
      value: graphBaseUrl
    }
    {
      // The tab's requests read and write case data as the signed-in user (SharePoint's own permissions
      // apply too); the audit log and the bot stay app-only.
      name: 'GRAPH_ON_BEHALF_OF'
      value: 'true'
    }
    {
      name: 'SHAREPOINT_SITE_ID'
      value: sharePointSiteId
    }
    {
      name: 'BOT_APP_ID'
      value: identity.properties.clientId
    }
    {
      name: 'BOT_APP_TYPE'
      value: 'UserAssignedMsi'
    }
    {
      name: 'BOT_TENANT_ID'
      value: identity.properties.tenantId
    }
    {
      name: 'BOT_TEAM_ID'
      value: botTeamId
    }
    {
      name: 'BOT_MEMBERS_FILE'
      value: membersFile
    }
    {
      name: 'TEAMS_APP_ID'
      value: teamsAppId
    }
    {
      name: 'ACTIVITY_FEED'
      value: activityFeed
    }
    {
      name: 'ACTIVITY_FEED_TEAM_ID'
      value: activityFeedTeamId
    }
    {
      name: 'RETENTION_RULE'
      value: retentionRule
    }
    {
      name: 'NOTIFY_TIME'
      value: notifyTime
    }
    {
      name: 'TOR_ANNIVERSARY'
      value: torAnniversary
    }
    {
      name: 'MEETING_ANCHOR_DATE'
      value: meetingAnchorDate
    }
    {
      name: 'MEETING_EVERY_WEEKS'
      value: meetingEveryWeeks
    }
    {
      name: 'MEETING_TIME'
      value: meetingTime
    }
    {
      name: 'EXTRA_CLOSURES'
      value: extraClosures
    }
    {
      name: 'SCHOOL_HOLIDAYS'
      value: schoolHolidays
    }
  ],
  setting => !empty(setting.value)
)

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    // Key Vault references resolve with the user-assigned identity (there is no system identity).
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: nodeRuntime
      appCommandLine: 'node dist/src/server.js'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
      appSettings: appSettings
    }
  }
  dependsOn: [
    identityReadsSecrets
  ]
}

// No FTP, and no basic-auth publishing over FTP: deployments go through the toolkit's zip deploy.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${appName}-bot'
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    // A user-assigned managed identity bot: single tenant by construction, no password to leak or rotate.
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// Written to env/.env.<env> by the toolkit (same names), read by the manifest and aad.manifest.json.
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output TAB_DOMAIN string = webApp.properties.defaultHostName
output TAB_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output BOT_ID string = identity.properties.clientId
output BOT_DOMAIN string = webApp.properties.defaultHostName
output KEY_VAULT_NAME string = vault.name
