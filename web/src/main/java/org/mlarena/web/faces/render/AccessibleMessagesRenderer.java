package org.mlarena.web.faces.render;

import java.io.IOException;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.ResponseWriter;
import jakarta.faces.context.ResponseWriterWrapper;

import org.primefaces.component.messages.Messages;
import org.primefaces.component.messages.MessagesRenderer;

/**
 * p:messages with a real list: PrimeFaces writes each message as {@code <li role="alert">}, which is no list item any
 * more, so its {@code <ul>} holds none (axe-core: list). The alert moves into the item:
 * {@code <li><span role="alert" aria-atomic="true">summary detail</span></li>}; it is still announced as it appears.
 */
public class AccessibleMessagesRenderer extends MessagesRenderer {

    @Override
    protected void encodeMessage(ResponseWriter writer, Messages component, FacesMessage message, String styleClassPrefix, boolean escape)
            throws IOException {
        super.encodeMessage(new ResponseWriterWrapper(writer) {
            @Override
            public void startElement(String name, UIComponent source) throws IOException {
                super.startElement(name, source);
                if ("li".equals(name)) {
                    super.startElement("span", null); // takes the role and aria-atomic written next
                }
            }

            @Override
            public void endElement(String name) throws IOException {
                if ("li".equals(name)) {
                    super.endElement("span");
                }
                super.endElement(name);
            }
        }, component, message, styleClassPrefix, escape);
    }
}
