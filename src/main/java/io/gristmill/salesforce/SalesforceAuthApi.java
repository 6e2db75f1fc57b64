package io.gristmill.salesforce;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * Salesforce's OAuth endpoints on one login host. Built per host by {@link SalesforceOAuth}; it
 * answers with the raw {@link Response} so that Salesforce's own error bodies can be read.
 */
@Path("/services/oauth2")
public interface SalesforceAuthApi {

    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response token(MultivaluedMap<String, String> form);

    @POST
    @Path("/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response revoke(MultivaluedMap<String, String> form);
}
