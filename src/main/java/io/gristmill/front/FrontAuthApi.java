package io.gristmill.front;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Front's OAuth token endpoint; the client authenticates with HTTP Basic. */
public interface FrontAuthApi {

    @POST
    @Path("/oauth/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response token(@HeaderParam("Authorization") String basic, @FormParam("grant_type") String grantType,
            @FormParam("code") String code, @FormParam("redirect_uri") String redirectUri,
            @FormParam("refresh_token") String refreshToken);
}
